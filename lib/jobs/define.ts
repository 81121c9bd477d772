import type { z } from "zod";
import type { JobDefinition, ScheduleDefinition } from "./types";

const JOB_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Declares a job; add it to lib/jobs/registry.ts so both drivers know it. */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (!JOB_NAME.test(def.name)) throw new Error(`Job name "${def.name}" must be lowercase words joined by "." or "-".`);
  if (def.maxAttempts !== undefined && (def.maxAttempts < 1 || def.maxAttempts > 21)) {
    throw new Error(`Job "${def.name}": maxAttempts must be 1–21 (Inngest allows at most 20 retries).`);
  }
  return def;
}

/** Declares a schedule; add it to lib/jobs/registry.ts next to its job. */
export function defineSchedule(def: ScheduleDefinition): ScheduleDefinition {
  if (!def.everySeconds && !def.cron) throw new Error(`Schedule "${def.name}" needs everySeconds or cron.`);
  if (def.everySeconds !== undefined && !(def.everySeconds >= 1)) {
    throw new Error(`Schedule "${def.name}": everySeconds must be at least 1.`);
  }
  return def;
}

/** Default retry policy: errors may opt out with `retryable: false`; invalid payloads never heal. */
export function isRetryable(job: Pick<JobDefinition, "retryable">, err: unknown): boolean {
  if (job.retryable) return job.retryable(err);
  if (err && typeof err === "object") {
    if ((err as { retryable?: unknown }).retryable === false) return false;
    if ((err as { name?: unknown }).name === "ZodError") return false;
  }
  return true;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
