import { enqueueMany, inngestConfigured, prepareEnqueue } from "@/lib/jobs";
import type { Db } from "@/lib/db/client";
import { PROCESS_JOB } from "./names";
import { insertEvents, type NewInboundEvent } from "./store";


/**
 * Stores deliveries and schedules one processing job per new row; returns how many were new.
 * With the embedded driver the jobs are sent in the insert's transaction, so an event is never
 * stored without its job. Under Inngest a send cannot join a transaction: the jobs are sent after
 * the commit (an event whose send failed stays `received` and is replayable from the log).
 */
export async function insertAndEnqueue(db: Db, rows: NewInboundEvent[]): Promise<number> {
  if (inngestConfigured()) {
    const inserted = await insertEvents(db, rows);
    await enqueueMany(PROCESS_JOB, inserted, { db });
    return inserted.length;
  }
  await prepareEnqueue(PROCESS_JOB, db);
  return db.transaction(async (tx) => {
    const inserted = await insertEvents(tx, rows);
    await enqueueMany(PROCESS_JOB, inserted, { db, tx });
    return inserted.length;
  });
}

/**
 * Schedules processing of stored events again (replay), in one send. A job already waiting for
 * the same event is harmless: processing locks the row and skips an event already done.
 */
export async function enqueueEvents(db: Db, events: { id: string; organisationId: string }[]): Promise<void> {
  await enqueueMany(PROCESS_JOB, events, { db });
}
