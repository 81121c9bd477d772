import type { Db } from "@/lib/db/client";
import { startLocalJobs, type LocalJobsOptions } from "./local/worker";

/** Polls `check` until it returns a truthy value, at most `timeoutMs` (bounded, for tests). */
export async function waitFor<T>(check: () => Promise<T> | T, { timeoutMs = 20_000, everyMs = 50 } = {}): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The embedded driver with test timings: fast polls, the shortest heartbeat pg-boss allows. */
export function startTestJobs(db: Db, opts: Omit<LocalJobsOptions, "db"> = {}) {
  return startLocalJobs({
    db,
    pollingIntervalSeconds: 0.5,
    heartbeatSeconds: 10,
    monitorIntervalSeconds: 1,
    onError: () => undefined,
    ...opts,
  });
}

/** State of one pg-boss job, read straight from its table. */
export async function jobState(db: Db, id: string): Promise<{ state: string; retry_count: number; output: unknown } | undefined> {
  const { sql } = await import("drizzle-orm");
  const { executeRows } = await import("./local/rows");
  const [row] = await executeRows<{ state: string; retry_count: number; output: unknown }>(db, sql`select state::text, retry_count, output from pgboss.job where id = ${id}::uuid`);
  return row;
}
