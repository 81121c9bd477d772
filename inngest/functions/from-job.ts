import { NonRetriableError, RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import type { Db } from "@/lib/db/client";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_SECONDS, isRetryable, retryAfterSecondsOf } from "@/lib/jobs/define";
import { KEYS_FIELD, unwrapPayload } from "@/lib/jobs/keys";
import { jobEventName, jobFunctionId } from "@/lib/jobs/names";
import type { JobDefinition, ScheduleDefinition } from "@/lib/jobs/types";

/** Options of createJobFunction. */
export interface JobFunctionOptions {
  /** Schedules of the registry; those naming this job become its cron triggers. */
  schedules?: ScheduleDefinition[];
  /** Database provider (default: the process-wide database). Tests pass their own. */
  db?: () => Promise<Db>;
}

type FunctionConfig = Parameters<typeof inngest.createFunction>[0];
/** Inngest types `retries` as the literal union 0…20. */
type Retries = NonNullable<FunctionConfig["retries"]>;
const retriesOf = (job: JobDefinition) => Math.min(20, (job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1) as Retries;

/** Inngest reads a cron's zone from a `TZ=` prefix. */
export const cronOf = (s: ScheduleDefinition) => (s.tz && s.tz !== "UTC" ? `TZ=${s.tz} ${s.cron}` : s.cron);

/** The CEL expression of one of the keys enqueue() puts beside the payload (lib/jobs/keys.ts). */
const keyExpr = (k: "concurrency" | "throttle" | "dedupe" | "ordered") => `event.data.${KEYS_FIELD}.${k}`;

/**
 * The flow-control part of a job's Inngest config, from the same definition the local driver
 * reads: timeout → `timeouts.finish`, per-key concurrency and ordering → `concurrency`,
 * throttle → `throttle`, dedupe key → `singleton` (skip while one runs).
 */
export function flowControlOf(job: JobDefinition): Pick<FunctionConfig, "timeouts" | "concurrency" | "throttle" | "singleton"> {
  const limits = [
    ...(job.concurrency ? [{ key: keyExpr("concurrency"), limit: job.concurrency.limit }] : []),
    ...(job.ordered ? [{ key: keyExpr("ordered"), limit: 1 }] : []),
    ...(job.globalConcurrency ? [{ limit: job.globalConcurrency }] : []),
  ];
  // Inngest takes at most two concurrency limits: exactly what a definition can declare (defineJob checks).
  type Limit = { key?: string; limit: number };
  const concurrency: Limit | [Limit, Limit] | undefined = limits.length === 2 ? [limits[0]!, limits[1]!] : limits[0];
  return {
    timeouts: { finish: `${job.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS}s` },
    ...(concurrency ? { concurrency } : {}),
    ...(job.throttle ? { throttle: { key: keyExpr("throttle"), limit: job.throttle.limit, period: `${job.throttle.periodSeconds}s` } } : {}),
    ...(job.ordered ? {} : { singleton: { key: keyExpr("dedupe"), mode: "skip" as const } }),
  };
}

/**
 * What a job's error becomes under Inngest: NonRetriableError when the job would not retry it,
 * RetryAfterError when it carries `retryAfterSeconds` (a provider's Retry-After), else itself.
 */
export function toInngestError(job: Pick<JobDefinition, "retryable">, err: unknown): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!isRetryable(job, err)) return new NonRetriableError(message, { cause: err });
  const after = retryAfterSecondsOf(err);
  if (after !== undefined) return new RetryAfterError(message, after * 1000, { cause: err });
  return err;
}

/**
 * The Inngest function of a job: triggered by the event `hub/<job>` and by the crons of its
 * schedules; `ctx.step` maps to `step.run`. Errors the job calls non-retryable become
 * NonRetriableError and an error carrying `retryAfterSeconds` becomes RetryAfterError, so both
 * drivers retry (and stop) alike.
 */
export function createJobFunction(job: JobDefinition, opts: JobFunctionOptions = {}) {
  const schedules = (opts.schedules ?? []).filter((s) => s.job === job.name);
  const getDb = opts.db ?? (async () => (await import("@/lib/db/client")).getDb());
  return inngest.createFunction(
    {
      id: jobFunctionId(job.name),
      name: job.name,
      retries: retriesOf(job),
      triggers: [{ event: jobEventName(job.name) }, ...schedules.map((s) => ({ cron: cronOf(s) }))],
      ...flowControlOf(job),
    },
    async ({ event, step, attempt }) => {
      // Cron runs carry no payload of ours: use the payload of the schedule whose cron fired.
      const fromCron = event.name === "inngest/scheduled.timer";
      const cron = (event.data as { cron?: string } | undefined)?.cron;
      const raw = fromCron ? (schedules.find((s) => cronOf(s) === cron) ?? schedules[0])?.payload ?? {} : unwrapPayload(event.data).payload;
      const parsed = job.schema.safeParse(raw ?? {});
      if (!parsed.success) throw new NonRetriableError(`Invalid payload for ${job.name}: ${parsed.error.message}`);
      const db = await getDb();
      try {
        return await job.run(parsed.data, {
          db,
          attempt: attempt + 1,
          step: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as unknown as Promise<T>,
        });
      } catch (err) {
        throw toInngestError(job, err);
      }
    },
  );
}
