import { eq, sql } from "drizzle-orm";
import { jobConcurrencyAdmits } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { executeRows } from "./rows";

/**
 * Admits a claimed job under its key's limit, across processes: under an advisory lock on the
 * key, admissions of jobs that are no longer active (finished, or lost with a dead worker) are
 * dropped, the rest counted, and this job admitted when there is room. Returns whether it was.
 */
export async function admit(db: Db, jobId: string, key: string, limit: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concurrency:${key}`}))`);
    await tx.execute(sql`
      delete from ${jobConcurrencyAdmits} a
      where a.key = ${key} and (a.job_id = ${jobId} or not exists (
        select 1 from pgboss.job j where j.id = a.job_id::uuid and j.state = 'active'))`);
    const [row] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from ${jobConcurrencyAdmits} where key = ${key}`);
    if ((row?.n ?? 0) >= limit) return false;
    await tx.insert(jobConcurrencyAdmits).values({ jobId, key });
    return true;
  });
}

/** Releases a job's admission when its attempt ends. */
export async function release(db: Db, jobId: string): Promise<void> {
  await db.delete(jobConcurrencyAdmits).where(eq(jobConcurrencyAdmits.jobId, jobId));
}
