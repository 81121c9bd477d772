import { and, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { schedules } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { parseCron, previousFire } from "./cron";
import { DEFAULT_MAX_ATTEMPTS } from "./define";
import { insertJobRow } from "./store";
import type { JobDefinition, ScheduleDefinition } from "./types";

/**
 * Enqueues the job of every schedule that is due at `now` (a cron schedule is due when its last
 * firing was before the latest minute the cron matches), based on `schedules.last_run_at`, so
 * a restart neither skips nor repeats a firing. Claiming the firing (a conditional UPDATE) and
 * inserting the job happen in one transaction: of several runners only one fires, and a crash
 * in between fires again later. The job row is keyed by the schedule, so a firing while the
 * previous run is still pending adds nothing. Returns the names of the schedules fired.
 */
export async function fireDueSchedules(
  db: Db, list: ScheduleDefinition[], jobs: JobDefinition[], now: Date = new Date(),
): Promise<string[]> {
  const fired: string[] = [];
  if (list.length === 0) return fired;
  // One cheap read per poll; only schedules that look due take the write path below, which
  // re-checks the condition atomically.
  const last = new Map(
    (await db.select().from(schedules).where(inArray(schedules.name, list.map((s) => s.name)))).map((r) => [r.name, r.lastRunAt]),
  );
  for (const s of list) {
    const job = jobs.find((j) => j.name === s.job);
    if (!job) continue; // validateRegistry() reports this; a runner must not crash on it
    const lastRunAt = last.get(s.name) ?? null;
    const threshold = s.everySeconds ? new Date(now.getTime() - s.everySeconds * 1000) : previousFire(parseCron(s.cron!), now);
    if (!threshold) continue;
    const looksDue = s.everySeconds ? !lastRunAt || lastRunAt <= threshold : !lastRunAt || lastRunAt < threshold;
    if (!looksDue) continue;
    const due = s.everySeconds
      ? or(isNull(schedules.lastRunAt), lte(schedules.lastRunAt, threshold))
      : or(isNull(schedules.lastRunAt), lt(schedules.lastRunAt, threshold));
    if (!last.has(s.name)) await db.insert(schedules).values({ name: s.name }).onConflictDoNothing();
    const didFire = await db.transaction(async (tx) => {
      const claimed = await tx
        .update(schedules)
        .set({ lastRunAt: now })
        .where(and(eq(schedules.name, s.name), due))
        .returning({ name: schedules.name });
      if (claimed.length === 0) return false;
      await insertJobRow(tx, {
        name: job.name,
        payload: job.schema.parse(s.payload ?? {}),
        key: `schedule:${s.name}`,
        maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      });
      return true;
    });
    if (didFire) fired.push(s.name);
  }
  return fired;
}
