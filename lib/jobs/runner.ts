import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";
import { jobs } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { backoffDelay } from "./backoff";
import { isRetryable } from "./define";
import { fireDueSchedules } from "./schedules";
import type { JobDefinition, ScheduleDefinition } from "./types";

/** Options of the in-process runner. */
export interface LocalRunnerOptions {
  db: Db;
  /** Milliseconds between polls when idle (default 1000). */
  pollMs?: number;
  /** Poll in the background (default true); tests set false and call drain(). */
  autoPoll?: boolean;
  /** Jobs claimed per poll and run concurrently (default 5). */
  batchSize?: number;
  /** A `running` row whose lock is older than this is taken back (default 10 minutes). */
  staleAfterMs?: number;
  /** Delay before retry number n (default: exponential with jitter, see backoff.ts). */
  backoff?: (attempt: number) => number;
  /** Fire due schedules on each poll (default true). */
  schedules?: boolean;
  /** Jobs and schedules to use instead of lib/jobs/registry.ts. */
  registry?: { jobs: JobDefinition[]; schedules: ScheduleDefinition[] };
  /** Where unexpected runner errors go (default console.error). */
  onError?: (err: unknown) => void;
}

/** A running local runner. */
export interface LocalRunner {
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** Runs until no job is due (for tests and scripts). */
  drain(): Promise<void>;
}

type JobRow = typeof jobs.$inferSelect;

/**
 * The embedded job driver (DESIGN.md, "Jobs"): claims due rows with FOR UPDATE SKIP LOCKED, so
 * several processes can share one database, runs them, and records the outcome on the row.
 */
export function startLocalRunner(opts: LocalRunnerOptions): LocalRunner {
  const { db, pollMs = 1000, batchSize = 5, staleAfterMs = 10 * 60_000 } = opts;
  const backoff = opts.backoff ?? ((n: number) => backoffDelay(n));
  const onError = opts.onError ?? ((err: unknown) => console.error("[jobs] runner error", err));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One tick at a time, whether from polling or drain().
  let chain: Promise<unknown> = Promise.resolve();

  // Loaded lazily: the registry imports job modules, which may import from lib/jobs.
  const registry = async (): Promise<{ jobs: JobDefinition[]; schedules: ScheduleDefinition[] }> => {
    if (opts.registry) return opts.registry;
    const r = await import("./registry");
    return { jobs: r.registeredJobs(), schedules: r.registeredSchedules() };
  };

  async function tick(): Promise<number> {
    const reg = await registry();
    await reclaimStale(db, staleAfterMs);
    if (opts.schedules !== false) await fireDueSchedules(db, reg.schedules, reg.jobs);
    const claimed = await claim(db, batchSize);
    await Promise.all(claimed.map((row) => execute(db, row, reg.jobs, backoff)));
    return claimed.length;
  }
  const serialTick = (): Promise<number> => {
    const next = chain.then(tick);
    chain = next.catch(() => undefined);
    return next;
  };

  function schedule(delay: number) {
    if (stopped || opts.autoPoll === false) return;
    timer = setTimeout(() => {
      serialTick().then(
        (n) => schedule(n > 0 ? 0 : pollMs),
        (err) => (onError(err), schedule(pollMs)),
      );
    }, delay);
    timer.unref?.();
  }
  schedule(0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
    async drain() {
      while ((await serialTick()) > 0) {
        // keep going until a poll finds nothing due
      }
    },
  };
}

/** Claims up to `n` due rows: running, locked now, attempts + 1. */
async function claim(db: Db, n: number): Promise<JobRow[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, "pending"), lte(jobs.runAt, sql`now()`)))
    .orderBy(asc(jobs.runAt))
    .limit(n)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({ status: "running", lockedAt: sql`now()`, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
}

/** Rows left `running` by a crashed process go back to pending, or fail when out of attempts. */
async function reclaimStale(db: Db, staleAfterMs: number): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'pending' end`,
      lockedAt: null,
      lastError: "The runner stopped while the job was running; reclaimed.",
      finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then now() else null end`,
    })
    .where(and(eq(jobs.status, "running"), lt(jobs.lockedAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`)));
}

/** Runs one claimed row and records done, a retry, or the final failure. */
async function execute(db: Db, row: JobRow, registry: JobDefinition[], backoff: (n: number) => number) {
  // Only finish the row we claimed: if it was reclaimed and claimed again meanwhile, its attempt
  // count moved on and another runner owns it. (Not locked_at: JS dates lose the microseconds.)
  const ours = and(eq(jobs.id, row.id), eq(jobs.status, "running"), eq(jobs.attempts, row.attempts));
  const job = registry.find((j) => j.name === row.name);
  try {
    if (!job) throw Object.assign(new Error(`Unknown job "${row.name}"`), { retryable: false });
    const payload = job.schema.parse(row.payload);
    await job.run(payload, { db, attempt: row.attempts, step: (_id, fn) => fn() });
    await db.update(jobs).set({ status: "done", lockedAt: null, lastError: null, finishedAt: sql`now()` }).where(ours);
  } catch (err) {
    const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    const retry = !!job && row.attempts < row.maxAttempts && isRetryable(job, err);
    await db
      .update(jobs)
      .set(
        retry
          ? { status: "pending", lockedAt: null, lastError, runAt: new Date(Date.now() + backoff(row.attempts)) }
          : { status: "failed", lockedAt: null, lastError, finishedAt: sql`now()` },
      )
      .where(ours);
  }
}
