import { asc, sql } from "drizzle-orm";
import { inList } from "@/lib/db/bulk";
import { outboxEvents } from "@/drizzle/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { executeRows } from "@/lib/jobs/local/rows";
import type { DomainEvent, EventType } from "./catalog";
import { dispatchEvents } from "./consumers";
import { dispatchEventJob, dispatchPayloadOf } from "./dispatch-job";

type OutboxRow = typeof outboxEvents.$inferSelect;

/** Events one claim takes (a sync page emits a thousand at once). */
export const DRAIN_BATCH = 500;
/** How long a claim holds its events before another drain may take them (a drain that died). */
const LEASE_SECONDS = 120;
/** Tries of an event before it is handed to the `events.dispatch` job, whose failures are kept and listed. */
export const DRAIN_MAX_ATTEMPTS = 10;
/** Seconds before the next try after `attempts` failed ones: 2, 4, 8 … up to 300 (the dispatch job's backoff). */
export const drainRetryDelaySeconds = (attempts: number) => Math.min(300, 2 ** attempts);

// Any fixed number: one claim at a time per database, so no two drains split an aggregate's events.
const CLAIM_LOCK = 7243102;

/**
 * Claims up to `limit` due events in outbox order: unsent, not leased (by another drain, or
 * waiting for a retry), and with no earlier unsent event of their aggregate that is. The lease
 * and the attempt count are set in the same statement; claims are serialised by an advisory
 * lock (a drain that finds it taken claims nothing this time).
 */
async function claim(db: Db, limit: number): Promise<OutboxRow[]> {
  const seqs = await db.transaction(async (tx) => {
    const [lock] = await executeRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${CLAIM_LOCK}) as ok`);
    if (!lock?.ok) return [];
    return leaseDueIn(tx, limit, LEASE_SECONDS);
  });
  if (seqs.length === 0) return [];
  return db.select().from(outboxEvents).where(inList(outboxEvents.seq, seqs)).orderBy(asc(outboxEvents.seq));
}

/**
 * Leases up to `limit` unsent events in outbox order for `leaseSeconds` and counts an attempt on
 * each, skipping a row whose lease is live and a row with an earlier unsent event of its
 * aggregate under a live lease (so one aggregate's events go out in order); returns their seqs.
 * The drain (embedded) and the relay to Inngest both take their batches this way.
 */
export async function leaseDue(db: Db, limit: number, leaseSeconds: number): Promise<number[]> {
  return db.transaction((tx) => leaseDueIn(tx, limit, leaseSeconds));
}

/** leaseDue in the caller's transaction (the drain's claim holds one already, with its lock). */
async function leaseDueIn(tx: DbOrTx, limit: number, leaseSeconds: number): Promise<number[]> {
  // A claim is always best read in outbox order from outbox_events_unsent_idx, stopping at the
  // limit. After a burst (a 100,000-invoice pull emits as many events in under a minute) the
  // table's statistics still describe the empty table autovacuum last saw, and the planner chose
  // a bitmap scan of the whole backlog and a sort instead: 45 ms, up to 218 ms, a claim with
  // 42,000 events waiting. These hold for this transaction only.
  await tx.execute(sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)`);
  const rows = await executeRows<{ seq: string | number }>(tx, sql`
    update ${outboxEvents} set lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
    where seq in (
      select u.seq from ${outboxEvents} u
      where u.sent_at is null and (u.lease_until is null or u.lease_until < now())
        and not exists (
          select 1 from ${outboxEvents} e
          where e.sent_at is null and e.aggregate_type = u.aggregate_type and e.aggregate_id = u.aggregate_id
            and e.seq < u.seq and e.lease_until >= now()
          -- "offset 0" keeps this a probe of outbox_events_leased_idx per candidate, in seq order
          -- up to the limit; as an anti-join the planner compared every candidate with every
          -- leased row (27-64 ms a claim with 500 leased, against 1-2.5 ms).
          offset 0)
      order by u.seq limit ${limit} for update skip locked)
    returning seq`);
  return rows.map((r) => Number(r.seq));
}

const eventOf = (row: OutboxRow): DomainEvent => ({
  id: row.id, type: row.type as EventType, aggregateType: row.aggregateType, aggregateId: row.aggregateId,
  organisationId: row.organisationId, payload: row.payload as DomainEvent["payload"], createdAt: row.createdAt,
});

/**
 * Embedded driver: the outbox row is the work item (as inbound events are, lib/inbound/drain.ts).
 * Claims due events a batch at a time and runs each consumer once over the batch (one
 * transaction per consumer and batch: consumption rows + effect), then stamps them sent. An event
 * that fails a consumer is tried again after a backoff, its aggregate's later events waiting
 * behind it (order per aggregate); after DRAIN_MAX_ATTEMPTS it is handed to the `events.dispatch`
 * job (retries, then kept as a failed job). A drain that dies leaves its lease to lapse; the
 * events are claimed again and the consumption rows keep every effect single. Returns how many
 * events it stamped sent.
 */
export async function drainOutbox(db: Db, opts: { batchSize?: number } = {}): Promise<number> {
  const batch = opts.batchSize ?? DRAIN_BATCH;
  let sent = 0;
  for (;;) {
    const rows = await claim(db, batch);
    if (rows.length === 0) return sent;
    const { failed, held } = await dispatchEvents(db, rows.map(eventOf));
    const done = rows.filter((r) => !failed.has(r.id) && !held.has(r.id)).map((r) => r.seq);
    const retry = rows.filter((r) => failed.has(r.id) && r.attempts < DRAIN_MAX_ATTEMPTS);
    const giveUp = rows.filter((r) => failed.has(r.id) && r.attempts >= DRAIN_MAX_ATTEMPTS);
    if (done.length) await db.update(outboxEvents).set({ sentAt: sql`now()`, leaseUntil: null }).where(inList(outboxEvents.seq, done));
    // One statement per backoff step (at most a handful), not one per failed event.
    const byDelay = new Map<number, number[]>();
    for (const r of retry) {
      const delay = drainRetryDelaySeconds(r.attempts);
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), r.seq]);
    }
    for (const [delay, seqs] of byDelay) {
      await db.update(outboxEvents).set({ leaseUntil: sql`now() + make_interval(secs => ${delay})` }).where(inList(outboxEvents.seq, seqs));
    }
    // Held back behind a failed event: free again (the claim skips them while that one waits).
    if (held.size) await db.update(outboxEvents).set({ leaseUntil: null }).where(inList(outboxEvents.seq, rows.filter((r) => held.has(r.id)).map((r) => r.seq)));
    if (giveUp.length) await handToDispatchJob(db, giveUp);
    for (const r of [...retry, ...giveUp]) {
      const err = failed.get(r.id);
      console.error(`[events] event ${r.id} (${r.type}) failed a consumer (attempt ${r.attempts})`, err instanceof Error ? err.message : err);
    }
    sent += done.length + giveUp.length;
    if (rows.length < batch) return sent;
  }
}

/** Hands events that used up their tries to the `events.dispatch` job and stamps them sent, in one transaction. */
async function handToDispatchJob(db: Db, rows: OutboxRow[]): Promise<void> {
  const [{ getBoss }, { sendLocalMany }] = await Promise.all([import("@/lib/jobs/local/boss"), import("@/lib/jobs/local/send")]);
  const boss = await getBoss(db);
  await db.transaction(async (tx) => {
    await sendLocalMany(boss, dispatchEventJob, rows.map(dispatchPayloadOf), { tx });
    await tx.update(outboxEvents).set({ sentAt: sql`now()`, leaseUntil: null }).where(inList(outboxEvents.seq, rows.map((r) => r.seq)));
  });
}
