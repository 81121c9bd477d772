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
import { createDeliveries, type DeliveryRef } from "./fanout";

/** Tries of one endpoint in flight at once: a slow endpoint holds at most this many worker slots. */
export const PER_ENDPOINT_CONCURRENCY = 2;
/** Tries in flight at once per process (local) or in all (Inngest). */
export const GLOBAL_DELIVERY_CONCURRENCY = 10;

const deliverPayload = z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1), attempts: z.number().int().min(0) });

/**
 * One try of one delivery. Per-endpoint concurrency keeps a hanging or failing endpoint from
 * taking more than 2 of the 10 global slots, so the rest serve the others; the 15 s request
 * timeout bounds a try.
 * The retry schedule is the delivery's own (lib/outbound/retry-policy.ts): each failed try
 * enqueues the next at its time, so the job itself only retries its own crashes.
 */
export const deliverJob = defineJob({
  name: "outbound.deliver",
  schema: deliverPayload,
  maxAttempts: 3,
  timeoutSeconds: 60,
  concurrency: { key: (p) => p.endpointId, limit: PER_ENDPOINT_CONCURRENCY },
  globalConcurrency: GLOBAL_DELIVERY_CONCURRENCY,
  async run({ deliveryId, endpointId, attempts }, { db, step }) {
    // Local driver: the next try is queued in the transaction that records this one's failure.
    const remote = inngestConfigured();
    const outcome = await step(`try-${attempts + 1}`, () => deliverOnce(db, deliveryId, attempts, {
      queueNext: remote ? undefined : (tx, ref, runAt) => queueDeliveries(db, [ref], { tx, runAt }),
    }));
    if (outcome.status === "retry" && remote) {
      await step(`queue-${outcome.attempts + 1}`, () => queueDeliveries(db, [{ deliveryId, endpointId, attempts: outcome.attempts }], { runAt: outcome.runAt }));
    }
    return outcome;
  },
});

/**
 * Starts the local driver's pg-boss and the delivery queue before a caller opens the
 * transaction it will queue tries in: on PGlite (one connection) pg-boss cannot create its
 * queue while that transaction holds the database. A no-op under Inngest.
 */
export async function prepareDeliveryQueue(db: Db): Promise<void> {
  if (inngestConfigured()) return;
  const [{ getBoss, ensureQueue }] = await Promise.all([import("@/lib/jobs/local/boss")]);
  await ensureQueue(await getBoss(db), deliverJob);
}

/**
 * Writes deliveries in one transaction and queues the tries `write` returns: inside that
 * transaction under the local driver (a try exists exactly when its row does), after the commit
 * under Inngest (no network call inside a transaction; the sweeper catches a lost send).
 */
export async function writeAndQueue<T>(db: Db, write: (tx: DbOrTx) => Promise<{ refs: DeliveryRef[]; result: T }>, opts: { manual?: boolean } = {}): Promise<T> {
  await prepareDeliveryQueue(db);
  const remote = inngestConfigured();
  const { refs, result } = await db.transaction(async (tx) => {
    const out = await write(tx);
    if (!remote) await queueDeliveries(db, out.refs, { tx, manual: opts.manual });
    return out;
  });
  if (remote) await queueDeliveries(db, refs, { manual: opts.manual });
  return result;
}

/**
 * Enqueues tries. Local driver: inside `tx` when given (the jobs exist exactly when the caller's
 * rows commit), one INSERT for a batch. Under Inngest callers send after their commit (`tx` is
 * ignored there); the sweeper catches a send that was lost. `key` makes a try unique
 * per (delivery, attempt count) so the sweeper never stacks a second job on a waiting one;
 * `keyed` sends a batch one by one with those keys (the sweeper); `manual` gives a "retry now" its own key beside a scheduled try (the claim keeps it to one send).
 */
export async function queueDeliveries(db: Db, refs: DeliveryRef[], opts: { tx?: DbOrTx; runAt?: Date; manual?: boolean; keyed?: boolean } = {}): Promise<void> {
  if (refs.length === 0) return;
  const keyOf = (r: DeliveryRef) => `${r.deliveryId}:${r.attempts}${opts.manual ? `:manual:${crypto.randomUUID()}` : ""}`;
  if (inngestConfigured()) {
    const { inngest } = await import("@/inngest/client");
    await inngest.send(refs.map((r) => ({
      name: jobEventName(deliverJob.name),
      data: wrapPayload(deliverJob, deliverPayload.parse(r), keyOf(r)),
      ...(opts.runAt ? { ts: opts.runAt.getTime() } : {}),
    })));
    return;
  }
  const [{ getBoss }, { sendLocal, sendLocalMany }] = await Promise.all([import("@/lib/jobs/local/boss"), import("@/lib/jobs/local/send")]);
  const boss = await getBoss(db);
  if (refs.length > 1 && !opts.runAt && !opts.keyed) {
    await sendLocalMany(boss, deliverJob, refs.map((r) => deliverPayload.parse(r)), { tx: opts.tx });
    return;
  }
  for (const r of refs) await sendLocal(boss, deliverJob, deliverPayload.parse(r), { key: keyOf(r), runAt: opts.runAt, tx: opts.tx });
}

/**
 * The fan-out: an outbox consumer (run once per event, its consumption row committing with the
 * deliveries) that creates one delivery per subscribed active endpoint and queues their first
 * tries in the same transaction (local driver). A rolled-back change has no outbox row, so it
 * sends nothing; a process killed after the commit leaves the event unsent in the outbox, and the
 * relay hands it on when a worker runs again.
 */
export const outboundConsumer = {
  name: "outbound.fan-out",
  types: eventTypes,
  async handle(event: { id: string; type: string; organisationId: string; payload: unknown; createdAt: Date }, { tx, db, afterCommit }: ConsumerContext) {
    const refs = await createDeliveries(tx, event);
    // Inngest cannot join the transaction and no network call may happen inside it: send after
    // the commit (a lost send leaves pending rows the sweeper re-queues).
    if (inngestConfigured()) afterCommit(() => queueDeliveries(db, refs));
    else await queueDeliveries(db, refs, { tx });
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
  await queueDeliveries(db, rows, { keyed: true });
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
