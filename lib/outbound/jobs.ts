import { and, asc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { registerConsumer, type ConsumerContext } from "@/lib/events/consumers";
import { eventTypes } from "@/lib/events/catalog";
import { defineJob, defineSchedule } from "@/lib/jobs/define";
import { wrapPayload } from "@/lib/jobs/keys";
import { inngestConfigured, jobEventName } from "@/lib/jobs/names";
import { deliverOnce } from "./deliver";
import { createDeliveries, createDeliveriesMany, subscribedTypes, type DeliveryRef, type OutboundEvent } from "./fanout";
import { INNGEST_DELIVERY_CONCURRENCY, PER_ENDPOINT_CONCURRENCY } from "./limits";
import { wakeDeliveryWorkers } from "./worker";

export { GLOBAL_DELIVERY_CONCURRENCY, INNGEST_DELIVERY_CONCURRENCY, PER_ENDPOINT_CONCURRENCY } from "./limits";

const deliverPayload = z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1), attempts: z.number().int().min(0) });

/**
 * One try of one delivery, under Inngest. Per-endpoint concurrency keeps a hanging or failing
 * endpoint from taking more than 2 of the 30 function-wide slots (the local worker's 10 shared
 * slots + its slow lane of 20: a running step cannot move between limits, so the bound is the
 * whole), so up to 10 slow endpoints leave the others 10; the 15 s request timeout bounds a try. The retry schedule is the delivery's own
 * (lib/outbound/retry-policy.ts): each failed try enqueues the next at its time, so the job
 * itself only retries its own crashes. The local driver needs no job per try: its delivery
 * worker (worker.ts) claims due deliveries straight from their table; a job of this kind left
 * in a local queue still runs, claiming its try like the worker does.
 */
export const deliverJob = defineJob({
  name: "outbound.deliver",
  schema: deliverPayload,
  maxAttempts: 3,
  timeoutSeconds: 60,
  concurrency: { key: (p) => p.endpointId, limit: PER_ENDPOINT_CONCURRENCY },
  globalConcurrency: INNGEST_DELIVERY_CONCURRENCY,
  async run({ deliveryId, endpointId, attempts }, { db, step }) {
    const outcome = await step(`try-${attempts + 1}`, () => deliverOnce(db, deliveryId, attempts));
    if (outcome.status === "retry" && inngestConfigured()) {
      await step(`queue-${outcome.attempts + 1}`, () => queueDeliveries(db, [{ deliveryId, endpointId, attempts: outcome.attempts }], { runAt: outcome.runAt }));
    }
    return outcome;
  },
});

/**
 * Writes deliveries in one transaction, then hands the tries `write` returns on: under the local
 * driver a due pending row is its own queue entry, so committing it is enough (the worker is
 * woken); under Inngest they are sent after the commit (no network call inside a transaction;
 * the sweeper catches a lost send).
 */
export async function writeAndQueue<T>(db: Db, write: (tx: DbOrTx) => Promise<{ refs: DeliveryRef[]; result: T }>, opts: { manual?: boolean } = {}): Promise<T> {
  const { refs, result } = await db.transaction(write);
  await queueDeliveries(db, refs, { manual: opts.manual });
  return result;
}

/**
 * Hands tries on. Local driver: the rows are the queue — this wakes the delivery workers (call
 * it after the commit). Under Inngest: one event per try at `runAt`; `key` makes a try unique per
 * (delivery, attempt count) so the sweeper never stacks a second run on a waiting one, and
 * `manual` gives a "retry now" its own key beside a scheduled try (the claim keeps it to one send).
 */
export async function queueDeliveries(db: Db, refs: DeliveryRef[], opts: { runAt?: Date; manual?: boolean } = {}): Promise<void> {
  if (refs.length === 0) return;
  if (!inngestConfigured()) return wakeDeliveryWorkers();
  const keyOf = (r: DeliveryRef) => `${r.deliveryId}:${r.attempts}${opts.manual ? `:manual:${crypto.randomUUID()}` : ""}`;
  const { inngest } = await import("@/inngest/client");
  await inngest.send(refs.map((r) => ({
    name: jobEventName(deliverJob.name),
    data: wrapPayload(deliverJob, deliverPayload.parse(r), keyOf(r)),
    ...(opts.runAt ? { ts: opts.runAt.getTime() } : {}),
  })));
}

/**
 * The fan-out: an outbox consumer (run once per event, its consumption row committing with the
 * deliveries) that creates one delivery per subscribed active endpoint in one INSERT, due at
 * once, and hands them on after the commit. A rolled-back change has no outbox row, so it sends
 * nothing; a process killed after the commit leaves the event unsent in the outbox, and the
 * relay hands it on when a worker runs again.
 */
export const outboundConsumer = {
  name: "outbound.fan-out",
  types: eventTypes,
  async handle(event: { id: string; type: string; organisationId: string; payload: unknown; createdAt: Date }, { tx, db, afterCommit }: ConsumerContext) {
    const refs = await createDeliveries(tx, event);
    // After the commit: Inngest cannot join the transaction and no network call may happen inside
    // it (a lost send leaves pending rows the sweeper re-queues); a local worker woken earlier
    // would not see the rows yet.
    afterCommit(() => queueDeliveries(db, refs));
  },
  // Only events some active endpoint of their organisation subscribes to get a consumption row
  // (and deliveries); the others are passed over (a sync page's events with no endpoint to send to).
  relevant: async <E extends OutboundEvent>(db: Db, events: E[]): Promise<E[]> => {
    const subscribed = await subscribedTypes(db, [...new Set(events.map((e) => e.organisationId))]);
    return events.filter((e) => subscribed.get(e.organisationId)?.some((t) => t === e.type || t === "*"));
  },
  // The outbox drain's batch: the same deliveries in two statements per organisation.
  async handleBatch(events: { id: string; type: string; organisationId: string; payload: unknown; createdAt: Date }[], { tx, db, afterCommit }: ConsumerContext) {
    const refs = await createDeliveriesMany(tx, events);
    if (refs.length) afterCommit(() => queueDeliveries(db, refs));
  },
};
registerConsumer(outboundConsumer);

/**
 * Re-queues deliveries that are due but have no live job: a try whose worker died mid-request
 * (its claim lease lapsed), a retry whose enqueue was lost, Inngest sends that raced a rollback.
 * At most 500 a run, oldest first.
 */
export async function sweepDueDeliveries(db: Db, opts: { graceSeconds?: number; limit?: number } = {}): Promise<number> {
  const rows = await db.select({ deliveryId: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, attempts: webhookDeliveries.attempts })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.id, webhookDeliveries.endpointId), eq(webhookEndpoints.status, "active")))
    .where(and(eq(webhookDeliveries.status, "pending"), lt(webhookDeliveries.nextAttemptAt, sql`now() - make_interval(secs => ${opts.graceSeconds ?? 30})`)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(opts.limit ?? 500);
  await queueDeliveries(db, rows);
  return rows.length;
}

export const sweepJob = defineJob({
  name: "outbound.sweep",
  schema: z.object({}),
  maxAttempts: 2,
  timeoutSeconds: 120,
  async run(_payload, { db, step }) {
    return step("sweep", () => sweepDueDeliveries(db));
  },
});

export const sweepSchedule = defineSchedule({ name: "outbound.sweep-every-minute", job: "outbound.sweep", cron: "* * * * *", everySeconds: 60 });
