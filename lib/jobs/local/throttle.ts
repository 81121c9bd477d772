import { sql } from "drizzle-orm";
import { jobThrottleHits } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { executeRows } from "./rows";

/**
 * Takes one start from a throttle window: at most `limit` starts per `periodSeconds` per key,
 * across processes (an advisory lock on the key serialises the count and the insert). Returns 0
 * when the start is allowed, else the seconds until the oldest start leaves the window.
 */
export async function takeThrottleSlot(db: Db, key: string, limit: number, periodSeconds: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`throttle:${key}`}))`);
    await tx.delete(jobThrottleHits).where(sql`${jobThrottleHits.key} = ${key} and ${jobThrottleHits.at} <= now() - make_interval(secs => ${periodSeconds})`);
    const [row] = await executeRows<{ n: number; wait: number | null }>(tx, sql`
      select count(*)::int as n,
             ceil(extract(epoch from (min(${jobThrottleHits.at}) + make_interval(secs => ${periodSeconds}) - now())))::int as wait
      from ${jobThrottleHits} where ${jobThrottleHits.key} = ${key}`);
    const stats = row ?? { n: 0, wait: null };
    if (stats.n < limit) {
      await tx.insert(jobThrottleHits).values({ key });
      return 0;
    }
    return Math.max(1, stats.wait ?? periodSeconds);
  });
}
