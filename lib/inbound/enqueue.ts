import { enqueueMany, inngestConfigured } from "@/lib/jobs";
import type { Db } from "@/lib/db/client";
import { wakeDrain } from "./drain";
import { PROCESS_JOB } from "./names";
import { insertEvents, type NewInboundEvent } from "./store";

/**
 * Stores deliveries and has each new row processed; returns how many were new. Embedded driver:
 * the row is the work item — one INSERT, then this process's drainer is woken (no job row, no
 * transaction, no round trip more than the insert), and the `inbound.drain` schedule picks up
 * whatever a stopped process left. Under Inngest a send cannot join a transaction: one job per
 * new row is sent after the commit (an event whose send failed stays `received` and is
 * replayable from the log).
 */
export async function insertAndEnqueue(db: Db, rows: NewInboundEvent[]): Promise<number> {
  const inserted = await insertEvents(db, rows);
  await scheduleProcessing(db, inserted);
  return inserted.length;
}

/**
 * Has stored events processed (again): the drainer under the embedded driver, one processing job
 * each under Inngest. A job or drain finding an event already done is harmless: processing locks
 * the row and skips an event already processed.
 */
export async function scheduleProcessing(db: Db, events: { id: string; organisationId: string }[]): Promise<void> {
  if (!events.length) return;
  if (inngestConfigured()) await enqueueMany(PROCESS_JOB, events, { db });
  else wakeDrain(db);
}
