import type { z } from "zod";
import type { Db } from "@/lib/db/client";

/** What a job's `run` receives besides its payload. */
export interface JobContext {
  db: Db;
  /** 1 on the first try, 2 on the first retry, … (the same numbering under both drivers). */
  attempt: number;
  /**
   * A named unit of work. Under Inngest it is `step.run` (memoised across retries); the local
   * driver simply runs it. Keep durable progress in Postgres so both drivers resume alike.
   */
  step: <T>(id: string, fn: () => Promise<T>) => Promise<T>;
  /** Aborted when the job passes its timeout or the worker stops; long jobs should pass it on. */
  signal?: AbortSignal;
}

/** A limit per key, computed from the payload (e.g. one sync per connection and entity). */
export interface ConcurrencyLimit<P> {
  /** The key; jobs with the same key share the limit. */
  key(payload: P): string;
  /** How many jobs of one key may run at once (1–100). */
  limit: number;
}

/** At most `limit` starts per `periodSeconds` per key (e.g. calls per provider account). */
export interface ThrottleLimit<P> {
  key(payload: P): string;
  limit: number;
  periodSeconds: number;
}

/**
 * A background job: a name (`area.verb`, e.g. "accounting.mark-overdue"), a zod schema for its
 * payload (an object), and the work. Both drivers read the same fields: the local pg-boss driver
 * and the Inngest function built from it (inngest/functions/from-job.ts). Method syntax keeps
 * definitions with narrower payloads assignable to the registry's array.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  run(payload: z.output<S>, ctx: JobContext): Promise<unknown>;
  /** Total tries before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** Whether a thrown error is worth retrying; default: unless it says `retryable: false` or is a ZodError. */
  retryable?(err: unknown): boolean;
  /**
   * Longest a single attempt may run (default 900 s). Local: pg-boss `expireInSeconds` (the job
   * is failed and retried past it; a live worker's heartbeat keeps the claim meanwhile). Inngest:
   * `timeouts.finish`.
   */
  timeoutSeconds?: number;
  /** Per-key concurrency. Local: pg-boss group concurrency. Inngest: `concurrency: {key, limit}`. */
  concurrency?: ConcurrencyLimit<z.output<S>>;
  /**
   * At most this many runs of the job at once, whatever their keys (1–100): the global limit
   * beside a per-key `concurrency`. Local: the queue's worker slots per process (instead of
   * the driver's `localConcurrency`). Inngest: a function-wide concurrency limit.
   */
  globalConcurrency?: number;
  /** Per-key throttle. Local: a counted window in `job_throttle_hits`. Inngest: `throttle`. */
  throttle?: ThrottleLimit<z.output<S>>;
  /**
   * Jobs of one key run one at a time, in enqueue order, a failed one holding back the rest.
   * Local: pg-boss `key_strict_fifo`; Inngest: concurrency 1 on the key. Excludes dedupe keys.
   */
  ordered?: { key(payload: z.output<S>): string };
}

/**
 * A recurring enqueue of `job`: a five-field cron read in `tz` (an IANA zone such as
 * "Europe/London"; default UTC) under both drivers (pg-boss `schedule(…, {tz})`, Inngest
 * `TZ=<tz> <cron>`). `everySeconds` is informational (the cron is what runs).
 */
export interface ScheduleDefinition {
  name: string;
  job: string;
  payload?: Record<string, unknown>;
  cron: string;
  tz?: string;
  everySeconds?: number;
}
