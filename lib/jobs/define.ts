import type { z } from "zod";
import type { JobDefinition, ScheduleDefinition } from "./types";

const JOB_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const CRON = /^(\S+\s+){4}\S+$/;

/** Declares a job; add it to lib/jobs/registry.ts so both drivers know it. */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  const fail = (msg: string) => { throw new Error(`Job "${def.name}": ${msg}`); };
  if (!JOB_NAME.test(def.name)) throw new Error(`Job name "${def.name}" must be lowercase words joined by "." or "-".`);
  if (def.maxAttempts !== undefined && (def.maxAttempts < 1 || def.maxAttempts > 21)) {
    fail("maxAttempts must be 1–21 (Inngest allows at most 20 retries).");
  }
  if (def.timeoutSeconds !== undefined && !(Number.isInteger(def.timeoutSeconds) && def.timeoutSeconds >= 1)) {
    fail("timeoutSeconds must be a whole number of seconds, at least 1.");
  }
  if (def.concurrency && !(Number.isInteger(def.concurrency.limit) && def.concurrency.limit >= 1 && def.concurrency.limit <= 100)) {
    fail("concurrency.limit must be 1–100.");
  }
  if (def.globalConcurrency !== undefined && !(Number.isInteger(def.globalConcurrency) && def.globalConcurrency >= 1 && def.globalConcurrency <= 100)) {
    fail("globalConcurrency must be 1–100.");
  }
  if (def.globalConcurrency !== undefined && def.concurrency && def.ordered) {
    fail("Inngest takes at most two concurrency limits: choose two of concurrency, ordered and globalConcurrency.");
  }
  if (def.throttle && !(def.throttle.limit >= 1 && Number.isInteger(def.throttle.periodSeconds) && def.throttle.periodSeconds >= 1)) {
    fail("throttle needs limit ≥ 1 and a whole periodSeconds ≥ 1.");
  }
  return def;
}

/** Declares a schedule; add it to lib/jobs/registry.ts next to its job. */
export function defineSchedule(def: ScheduleDefinition): ScheduleDefinition {
  if (!CRON.test(def.cron.trim())) throw new Error(`Schedule "${def.name}": cron must have five fields.`);
  if (def.tz) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: def.tz });
    } catch {
      throw new Error(`Schedule "${def.name}": unknown time zone "${def.tz}".`);
    }
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

/**
 * The provider's `Retry-After`, when the error carries one. Detected by shape
 * (`{retryAfterSeconds: number}`, as the connection layer's RATE_LIMITED IntegrationError has)
 * so lib/jobs needs no import of lib/connections.
 */
export function retryAfterSecondsOf(err: unknown): number | undefined {
  const s = err && typeof err === "object" ? (err as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof s === "number" && Number.isFinite(s) && s >= 0 ? Math.ceil(s) : undefined;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_SECONDS = 900;
