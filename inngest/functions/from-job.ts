import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import type { Db } from "@/lib/db/client";
import { DEFAULT_MAX_ATTEMPTS, isRetryable } from "@/lib/jobs/define";
import { everySecondsToCron } from "@/lib/jobs/cron";
import { jobEventName, jobFunctionId } from "@/lib/jobs/names";
import type { JobDefinition, ScheduleDefinition } from "@/lib/jobs/types";

/** Options of createJobFunction. */
export interface JobFunctionOptions {
  /** Schedules of the registry; those naming this job become its cron triggers. */
  schedules?: ScheduleDefinition[];
  /** Database provider (default: the process-wide database). Tests pass their own. */
  db?: () => Promise<Db>;
}

/** Inngest types `retries` as the literal union 0…20. */
type Retries = NonNullable<Parameters<typeof inngest.createFunction>[0]["retries"]>;
const retriesOf = (job: JobDefinition) => Math.min(20, (job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1) as Retries;

const cronOf = (s: ScheduleDefinition) => s.cron ?? everySecondsToCron(s.everySeconds!);

/**
 * The Inngest function of a job: triggered by the event `hub/<job>` and by the crons of its
 * schedules; `ctx.step` maps to `step.run`. Errors the job calls non-retryable become Inngest's
 * NonRetriableError, so both drivers stop on the same failures.
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
    },
    async ({ event, step, attempt }) => {
      // Cron runs carry no payload of ours: use the payload of the schedule whose cron fired.
      const fromCron = event.name === "inngest/scheduled.timer";
      const cron = (event.data as { cron?: string } | undefined)?.cron;
      const raw = fromCron ? (schedules.find((s) => cronOf(s) === cron) ?? schedules[0])?.payload ?? {} : event.data;
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
        if (!isRetryable(job, err)) {
          throw new NonRetriableError(err instanceof Error ? err.message : String(err), { cause: err });
        }
        throw err;
      }
    },
  );
}
