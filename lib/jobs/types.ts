import type { z } from "zod";
import type { Db } from "@/lib/db/client";

/** What a job's `run` receives besides its payload. */
export interface JobContext {
  db: Db;
  /** 1 on the first try, 2 on the first retry, … (the same numbering under both drivers). */
  attempt: number;
  /**
   * A named unit of work. Under Inngest it is `step.run` (memoised across retries); the local
   * runner simply runs it. Keep durable progress in Postgres so both drivers resume alike.
   */
  step: <T>(id: string, fn: () => Promise<T>) => Promise<T>;
}

/**
 * A background job: a name (`area.verb`, e.g. "accounting.mark-overdue"), a zod schema for its
 * payload, and the work. Method syntax keeps definitions with narrower payloads assignable to
 * the registry's array.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  run(payload: z.output<S>, ctx: JobContext): Promise<unknown>;
  /** Total tries before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** Whether a thrown error is worth retrying; default: unless it says `retryable: false` or is a ZodError. */
  retryable?(err: unknown): boolean;
}

/**
 * A recurring enqueue of `job`. The local runner uses `everySeconds` when given, else `cron`;
 * Inngest uses `cron`, else a cron derived from `everySeconds`.
 */
export interface ScheduleDefinition {
  name: string;
  job: string;
  payload?: Record<string, unknown>;
  everySeconds?: number;
  /** Five-field cron in UTC, as Inngest reads it (e.g. "*\/15 * * * *"). */
  cron?: string;
}
