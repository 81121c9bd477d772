import { enqueue, inngestConfigured, prepareEnqueue } from "@/lib/jobs";
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
    await Promise.all(inserted.map((r) => enqueue(PROCESS_JOB, r, { key: r.id })));
    return inserted.length;
  }
  await prepareEnqueue(PROCESS_JOB, db);
  return db.transaction(async (tx) => {
    const inserted = await insertEvents(tx, rows);
    for (const r of inserted) await enqueue(PROCESS_JOB, r, { db, tx, key: r.id });
    return inserted.length;
  });
}

/** Schedules processing of stored events again (replay), outside any transaction. */
export async function enqueueEvents(db: Db, events: { id: string; organisationId: string }[]): Promise<void> {
  for (const e of events) await enqueue(PROCESS_JOB, e, { db, key: e.id });
}
