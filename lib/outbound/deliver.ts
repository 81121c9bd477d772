import { and, eq, sql } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import { auditAs } from "@/lib/audit";
import { jobContext } from "@/lib/auth/access";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { AddressPolicy } from "@/lib/net";
import { activeSecrets } from "./endpoints";
import { addNotice } from "./notices";
import type { DeliveryRef } from "./fanout";
import { disableAfterSeconds, nextDelaySeconds } from "./retry-policy";
import { DELIVERY_TIMEOUT_MS, sendMessage, type SendResult } from "./send";
import { signMessage } from "./sign";

/** What one run of the delivery job came to; `retry` says when the next try is due. */
export type DeliverOutcome =
  | { status: "skipped"; reason: "missing" | "not_due" | "endpoint_inactive" }
  | { status: "succeeded" }
  | { status: "failed"; reason: "gone" | "schedule_spent" | "endpoint_disabled" }
  | { status: "retry"; runAt: Date; attempts: number };

/** How long a claimed try holds its delivery before the sweeper may take it again (a dead worker). */
const CLAIM_LEASE_SECONDS = Math.ceil(DELIVERY_TIMEOUT_MS / 1000) + 45;

/**
 * Claims try number `attempts + 1` of a pending delivery whose endpoint is active: one UPDATE
 * that only one worker can win (the attempt count is the fence), so duplicate jobs — a manual
 * retry beside a scheduled one, a sweeper re-queue — never send twice.
 */
async function claim(db: Db, deliveryId: string, attempts: number) {
  const [row] = await db.update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})`, updatedAt: new Date() })
    .where(and(
      eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attempts, attempts), eq(webhookDeliveries.status, "pending"),
      sql`exists (select 1 from ${webhookEndpoints} e where e.id = ${webhookDeliveries.endpointId} and e.status = 'active')`,
    ))
    .returning();
  return row;
}

/** Why a claim failed: the delivery vanished, moved on, or its endpoint is paused or disabled. */
async function unclaimed(db: Db, deliveryId: string): Promise<DeliverOutcome> {
  const [row] = await db.select({ status: webhookDeliveries.status, endpointStatus: webhookEndpoints.status })
    .from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row) return { status: "skipped", reason: "missing" };
  if (row.status === "pending" && row.endpointStatus === "disabled") {
    await db.update(webhookDeliveries).set({ status: "failed", nextAttemptAt: null, updatedAt: new Date() })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
    return { status: "failed", reason: "endpoint_disabled" };
  }
  // Paused: the delivery waits, pending, until the endpoint is resumed (which re-queues it).
  if (row.status === "pending" && row.endpointStatus === "paused") return { status: "skipped", reason: "endpoint_inactive" };
  return { status: "skipped", reason: "not_due" };
}

/** Disables an active endpoint, telling its organisation (audit log + in-app notice). */
export async function disableEndpoint(tx: DbOrTx, endpoint: { id: string; organisationId: string; url: string }, reason: string): Promise<boolean> {
  const changed = await tx.update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, "active")))
    .returning({ id: webhookEndpoints.id });
  if (changed.length === 0) return false;
  await auditAs(tx, jobContext(endpoint.organisationId, "outbound.deliver"), {
    action: "webhook_endpoint.disabled", details: { endpointId: endpoint.id, url: endpoint.url, reason },
  });
  await addNotice(tx, endpoint.organisationId, {
    kind: "webhook_endpoint.disabled",
    title: "A webhook endpoint was disabled",
    body: `Deliveries to ${endpoint.url} stopped: ${reason} Fix the receiver, then resume the endpoint and recover the failed deliveries.`,
    link: `/webhooks/endpoints/${endpoint.id}`,
  });
  return true;
}

/**
 * One try of one delivery (the `outbound.deliver` job): claim it, sign the stored bytes with
 * every active secret, POST them with no transaction open, then record the attempt and the
 * delivery's and endpoint's new state in one short transaction. 2xx succeeds; 410 disables the
 * endpoint; anything else is retried on the schedule until it is spent, and an endpoint failing
 * without a success for 5 days (HUB_OUTBOUND_DISABLE_AFTER_SECONDS) is disabled.
 */
export async function deliverOnce(db: Db, deliveryId: string, attempts: number, opts: DeliverOptions = {}): Promise<DeliverOutcome> {
  const delivery = await claim(db, deliveryId, attempts);
  if (!delivery) return unclaimed(db, deliveryId);
  try {
    return await tryClaimed(db, delivery, opts);
  } catch (err) {
    // Nothing was recorded (the failure came before or inside the recording transaction): give
    // the claim back so the job's own retry, with the same payload, can claim this try again.
    await db.update(webhookDeliveries).set({ attempts: attempts, nextAttemptAt: new Date() })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attempts, attempts + 1), eq(webhookDeliveries.status, "pending")))
      .catch(() => undefined);
    throw err;
  }
}

/** Options of deliverOnce. */
export interface DeliverOptions {
  policy?: AddressPolicy;
  /** Queues the next try inside the recording transaction (the local driver), so it exists exactly when the failure is recorded. */
  queueNext?: (tx: DbOrTx, ref: DeliveryRef, runAt: Date) => Promise<void>;
}

async function tryClaimed(db: Db, delivery: typeof webhookDeliveries.$inferSelect, opts: DeliverOptions): Promise<DeliverOutcome> {
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  if (!endpoint) return { status: "skipped", reason: "missing" };
  let result: SendResult;
  try {
    const secrets = await activeSecrets(db, endpoint.id);
    const signed = signMessage(delivery.id, delivery.body, secrets.map((s) => s.secret));
    result = await sendMessage(endpoint.url, delivery.body, { ...endpoint.headers, ...signed }, { policy: opts.policy });
  } catch (err) {
    // A secret that no longer decrypts (key ring changed) is recorded like a failed try.
    result = { statusCode: null, durationMs: 0, responseBody: null, error: `Could not sign: ${err instanceof Error ? err.message.slice(0, 200) : "unknown"}` };
  }
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const tryNumber = delivery.attempts;
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      organisationId: delivery.organisationId, endpointId: endpoint.id, deliveryId: delivery.id, attempt: tryNumber,
      statusCode: result.statusCode, durationMs: result.durationMs, responseBody: result.responseBody, error: result.error, succeeded: ok,
    });
    const settle = (status: "succeeded" | "failed" | "pending", nextAttemptAt: Date | null) =>
      tx.update(webhookDeliveries).set({ status, nextAttemptAt, updatedAt: new Date() }).where(eq(webhookDeliveries.id, delivery.id));
    if (ok) {
      await settle("succeeded", null);
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.failingSince} is not null`));
      return { status: "succeeded" } as const;
    }
    if (result.statusCode === 410) {
      await settle("failed", null);
      await disableEndpoint(tx, endpoint, "it answered 410 Gone.");
      return { status: "failed", reason: "gone" } as const;
    }
    const [marked] = await tx.update(webhookEndpoints).set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning({ failingFor: sql<number>`extract(epoch from now() - ${webhookEndpoints.failingSince})::float8` });
    if (marked && Number(marked.failingFor) >= disableAfterSeconds()) {
      const days = Math.round(disableAfterSeconds() / 86400);
      await disableEndpoint(tx, endpoint, `it has failed every delivery for ${days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : `${Math.round(disableAfterSeconds())} s`}.`);
    }
    const delay = nextDelaySeconds(tryNumber, { retryAfterSeconds: result.retryAfterSeconds });
    if (delay === null) {
      await settle("failed", null);
      return { status: "failed", reason: "schedule_spent" } as const;
    }
    const runAt = new Date(Date.now() + delay * 1000);
    await settle("pending", runAt);
    await opts.queueNext?.(tx, { deliveryId: delivery.id, endpointId: endpoint.id, attempts: tryNumber }, runAt);
    return { status: "retry", runAt, attempts: tryNumber } as const;
  });
}
