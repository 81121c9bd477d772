import { asc, inArray, sql } from "drizzle-orm";
import { outboxEvents } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { dispatchEventJob, dispatchPayloadOf } from "./dispatch-job";
import { DRAIN_BATCH, drainOutbox, leaseDue } from "./drain";

type OutboxRow = typeof outboxEvents.$inferSelect;

/** Hands leased events to a remote driver (Inngest): resolves once the driver has accepted them. */
export type RemoteSend = (rows: OutboxRow[]) => Promise<void>;

/**
 * Remote driver (Inngest): lease a batch (short transaction), send it (no transaction open),
 * then mark it sent. A relay that dies between send and mark-sent leaves the lease to expire and
 * the batch is sent again: at least once; consumers dedupe on the event id (and Inngest on the
 * event id too). A row is leased only when no earlier unsent row of its aggregate is leased by
 * another relay, so events of one aggregate go out in order.
 */
export async function relayToRemote(db: Db, send: RemoteSend, opts: { batchSize?: number; leaseSeconds?: number } = {}): Promise<number> {
  const batch = opts.batchSize ?? 100;
  const lease = opts.leaseSeconds ?? 60;
  const seqs = await leaseDue(db, batch, lease);
  if (seqs.length === 0) return 0;
  const rows = await db.select().from(outboxEvents).where(inArray(outboxEvents.seq, seqs)).orderBy(asc(outboxEvents.seq));
  await send(rows);
  await db.update(outboxEvents).set({ sentAt: sql`now()`, leaseUntil: null }).where(inArray(outboxEvents.seq, seqs));
  return rows.length;
}

/** The Inngest sender: one `hub/events.dispatch` event per row, its id the event id (Inngest dedupes on it). */
export const sendToInngest: RemoteSend = async (rows) => {
  const [{ inngest }, { wrapPayload }, { jobEventName }] = await Promise.all([
    import("@/inngest/client"), import("@/lib/jobs/keys"), import("@/lib/jobs/names"),
  ]);
  await inngest.send(rows.map((r) => ({
    id: r.id,
    name: jobEventName(dispatchEventJob.name),
    data: wrapPayload(dispatchEventJob, dispatchPayloadOf(r)),
  })));
};

/** A background relay loop. */
export interface OutboxRelay {
  stop(): Promise<void>;
}

/**
 * Polls the outbox every `intervalMs` (default 500). Embedded driver: drains it in this process
 * (drainOutbox: the row is the work item, consumers run a batch at a time, no job per event).
 * Inngest: relays each event as a `hub/events.dispatch` event. A full batch is followed at once by
 * the next. Started from instrumentation.ts.
 */
export function startOutboxRelay(db: Db, opts: { intervalMs?: number; inngest?: boolean; onError?: (err: unknown) => void } = {}): OutboxRelay {
  const interval = opts.intervalMs ?? 500;
  const onError = opts.onError ?? ((err: unknown) => console.error("[events] outbox relay error", err));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => (opts.inngest ? relayToRemote(db, sendToInngest) : drainOutbox(db));
  const full = opts.inngest ? 100 : DRAIN_BATCH;
  const loop = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().then((n) => loop(n >= full ? 0 : interval), (err) => (onError(err), loop(interval)));
    }, delay);
    timer.unref?.();
  };
  loop(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
