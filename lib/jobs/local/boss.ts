import { PgBoss, type Queue } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_SECONDS } from "../define";
import type { JobDefinition } from "../types";
import { bossConnection } from "./adapter";

/** Tuning of the embedded driver; the defaults suit the app, tests shorten the intervals. */
export interface BossTuning {
  /** Postgres only: the URL (default: rebuilt from the app's postgres.js options). */
  connectionString?: string;
  /**
   * Seconds without a heartbeat after which a running job counts as lost (its worker died) and is
   * retried by another worker (default 30; pg-boss's minimum is 10). Live workers renew it at half.
   */
  heartbeatSeconds?: number;
  /** How often pg-boss looks for lost and timed-out jobs (default 10 s). */
  monitorIntervalSeconds?: number;
  /** Where pg-boss reports background errors (default console.error). */
  onError?: (err: unknown) => void;
}

const g = globalThis as typeof globalThis & { __hubBosses?: WeakMap<Db, Promise<PgBoss>> };
const bosses = (g.__hubBosses ??= new WeakMap());
const queuesMade = new WeakMap<PgBoss, Map<string, Promise<void>>>();
const heartbeatOf = new WeakMap<PgBoss, number>();

/**
 * The started pg-boss of a database, one per process (dev-server reloads share it through
 * globalThis). pg-boss installs and migrates its own `pgboss` schema on first start.
 */
export function getBoss(db: Db, tuning: BossTuning = {}): Promise<PgBoss> {
  let p = bosses.get(db);
  if (!p) {
    p = (async () => {
      const boss = new PgBoss({
        ...bossConnection(db, tuning.connectionString),
        max: 4,
        monitorIntervalSeconds: tuning.monitorIntervalSeconds ?? 10,
        superviseIntervalSeconds: tuning.monitorIntervalSeconds ?? 10,
        // Cron evaluation every few seconds is enough for minute-granular schedules.
        cronWorkerIntervalSeconds: 5,
      });
      boss.on("error", tuning.onError ?? ((err: unknown) => console.error("[jobs] pg-boss error", err)));
      await boss.start();
      heartbeatOf.set(boss, Math.max(10, tuning.heartbeatSeconds ?? 30));
      return boss;
    })();
    p.catch(() => bosses.delete(db));
    bosses.set(db, p);
  }
  return p;
}

/** Stops and forgets the pg-boss of a database (tests, shutdown). */
export async function stopBoss(db: Db, opts: { graceful?: boolean } = {}): Promise<void> {
  const p = bosses.get(db);
  if (!p) return;
  bosses.delete(db);
  const boss = await p.catch(() => undefined);
  await boss?.stop({ graceful: opts.graceful ?? true, timeout: 5_000, close: true });
}

/**
 * pg-boss queue options of a job definition. Policy `exclusive` gives the dedupe key its one
 * meaning: at most one job per key waiting, retrying or running (jobs sent without a dedupe key
 * get a unique one, so they never collide). Ordered jobs use `key_strict_fifo` on their key.
 */
export function queueOptionsOf(job: JobDefinition, heartbeatSeconds: number): Omit<Queue, "name"> {
  return {
    policy: job.ordered ? "key_strict_fifo" : "exclusive",
    retryLimit: (job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: job.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    heartbeatSeconds,
  };
}

/** Creates (or brings up to date) the queue of a job, once per process. */
export function ensureQueue(boss: PgBoss, job: JobDefinition): Promise<void> {
  let made = queuesMade.get(boss);
  if (!made) queuesMade.set(boss, (made = new Map()));
  let p = made.get(job.name);
  if (!p) {
    const { policy, ...options } = queueOptionsOf(job, heartbeatOf.get(boss) ?? 30);
    p = (async () => {
      await boss.createQueue(job.name, { policy, ...options });
      // createQueue keeps an existing queue as it was: apply changed limits of the definition.
      await boss.updateQueue(job.name, options);
    })();
    p.catch(() => made.delete(job.name));
    made.set(job.name, p);
  }
  return p;
}
