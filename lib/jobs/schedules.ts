import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { schedules } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { parseCron, previousFire } from "./cron";
import { DEFAULT_MAX_ATTEMPTS } from "./define";
import { insertJobRow } from "./store";
import type { JobDefinition, ScheduleDefinition } from "./types";

/**
 * Enqueues the job of every schedule that is due at `now`, based on `schedules.last_run_at`, so
 * a restart neither skips nor repeats a firing. Claiming the firing (a conditional UPDATE) and
 * inserting the job happen in one transaction: of several runners only one fires, and a crash
 * in between fires again later. The job row is keyed by the schedule, so a firing while the
 * previous run is still pending adds nothing. Returns the names of the schedules fired.
 */
export async function fireDueSchedules(
  db: Db, list: ScheduleDefinition[], jobs: JobDefinition[], now: Date = new Date(),
): Promise<string[]> {
  const fired: string[] = [];
  for (const s of list) {
    const job = jobs.find((j) => j.name === s.job);
    if (!job) continue; // validateRegistry() reports this; a runner must not crash on it
    const due = s.everySeconds
      ? or(isNull(schedules.lastRunAt), lte(schedules.lastRunAt, new Date(now.getTime() - s.everySeconds * 1000)))
      : slotCondition(s.cron!, now);
    if (!due) continue;
    await db.insert(schedules).values({ name: s.name }).onConflictDoNothing();
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

/** Due when the last firing was before the latest minute the cron matches. */
function slotCondition(cron: string, now: Date) {
  const slot = previousFire(parseCron(cron), now);
  return slot ? or(isNull(schedules.lastRunAt), lt(schedules.lastRunAt, slot)) : undefined;
}
