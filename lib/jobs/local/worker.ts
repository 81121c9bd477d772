import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { wrapPayload } from "../keys";
import type { JobDefinition, ScheduleDefinition } from "../types";
import { ensureQueue, getBoss, stopBoss, type BossTuning } from "./boss";
import { runLocalJob } from "./run-job";

/** Options of the embedded driver. */
export interface LocalJobsOptions extends BossTuning {
  db: Db;
  /** Seconds between polls of an idle queue (default 1; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Jobs of one name run at once in this process (default 4). */
  localConcurrency?: number;
  /** Install the registry's schedules (default true). */
  schedules?: boolean;
  /** Jobs and schedules to use instead of lib/jobs/registry.ts (tests, scripts). */
  registry?: { jobs: JobDefinition[]; schedules: ScheduleDefinition[] };
}

/** A running embedded driver. */
export interface LocalJobs {
  boss: PgBoss;
  /** Stops the workers (graceful: waits for the jobs in hand) and pg-boss. */
  stop(opts?: { graceful?: boolean }): Promise<void>;
}

/**
 * Wakes this process's workers of a queue: pg-boss otherwise waits a whole poll after each job,
 * so a backlog would drain at one job per worker per poll. With this a slot is refilled as soon
 * as its job ends; a sender calls it after committing jobs (the outbox relay) so they start now.
 */
export function wakeWorkers(boss: PgBoss, name: string) {
  for (const w of boss.getWipData()) if (w.name === name) boss.notifyWorker(w.id);
}

/**
 * Starts the embedded job driver (DESIGN.md, "Jobs"): one pg-boss queue per registered job
 * with its retry, timeout and heartbeat, `localConcurrency` workers per queue (per-key limits
 * through pg-boss group concurrency), and the registry's schedules as pg-boss crons in their
 * time zones. Jobs are claimed with SKIP LOCKED, so several processes share one database.
 */
export async function startLocalJobs(opts: LocalJobsOptions): Promise<LocalJobs> {
  const { db } = opts;
  const reg = opts.registry ?? (await import("../registry").then((r) => ({ jobs: r.registeredJobs(), schedules: r.registeredSchedules() })))!;
  const boss = await getBoss(db, opts);
  for (const job of reg.jobs) {
    await ensureQueue(boss, job);
    await boss.work<object>(
      job.name,
      {
        batchSize: 1,
        pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1,
        localConcurrency: job.globalConcurrency ?? opts.localConcurrency ?? 4,
        // Per-key limits: pg-boss skips groups at their limit when it fetches; concurrent
        // fetchers can race past that count, so runLocalJob admits each job exactly (admit()).
        ...(job.concurrency ? { groupConcurrency: job.concurrency.limit } : {}),
      },
      async ([j]) => {
        try {
          return await runLocalJob(db, job, j!);
        } finally {
          wakeWorkers(boss, job.name);
        }
      },
    );
  }
  if (opts.schedules !== false) {
    for (const s of reg.schedules) {
      const job = reg.jobs.find((j) => j.name === s.job);
      if (!job) continue; // validateRegistry() reports this
      await boss.schedule(job.name, s.cron, wrapPayload(job, job.schema.parse(s.payload ?? {})), {
        tz: s.tz ?? "UTC",
        key: s.name,
        // One firing at a time: a firing while the previous run waits or runs adds nothing.
        singletonKey: `schedule:${s.name}`,
      });
    }
  }
  return {
    boss,
    async stop({ graceful = true } = {}) {
      for (const job of reg.jobs) await boss.offWork(job.name, { wait: graceful }).catch(() => undefined);
      await stopBoss(db, { graceful });
    },
  };
}
