import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import type { AddressPolicy } from "@/lib/net";
import { activeSecretsOf } from "./endpoints";
import { recordTries, type TryOutcome } from "./record";
import { DELIVERY_TIMEOUT_MS, sendMessage, type SendResult } from "./send";
import { signMessage } from "./sign";

/** What one run of the delivery job came to; `retry` says when the next try is due. */
export type DeliverOutcome = { status: "skipped"; reason: "missing" | "not_due" | "endpoint_inactive" } | TryOutcome;

/** How long a claimed try holds its delivery before a worker may take it again (a dead worker). */
export const CLAIM_LEASE_SECONDS = Math.ceil(DELIVERY_TIMEOUT_MS / 1000) + 45;

/** The columns of a claimed try: due again only when its lease lapses, and counted in flight meanwhile. */
export const claimLease = () => ({
  nextAttemptAt: sql`now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})`,
  claimedUntil: sql`now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})`,
});

/**
 * Claims try number `attempts + 1` of a pending delivery whose endpoint is active: one UPDATE
 * that only one worker can win (the attempt count is the fence), so duplicate jobs — a manual
 * retry beside a scheduled one, a sweeper re-queue — never send twice.
 */
async function claim(db: Db, deliveryId: string, attempts: number) {
  const [row] = await db.update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, ...claimLease(), updatedAt: new Date() })
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
    await db.update(webhookDeliveries).set({ attempts: attempts, nextAttemptAt: new Date(), claimedUntil: null })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attempts, attempts + 1), eq(webhookDeliveries.status, "pending")))
      .catch(() => undefined);
    throw err;
  }
}

/** Options of deliverOnce. */
export interface DeliverOptions {
  policy?: AddressPolicy;
}

async function tryClaimed(db: Db, delivery: typeof webhookDeliveries.$inferSelect, opts: DeliverOptions): Promise<DeliverOutcome> {
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  if (!endpoint) return { status: "skipped", reason: "missing" };
  const result = await signAndSend(delivery, endpoint, await activeSecretsOf(db, [endpoint.id]).then((m) => m.get(endpoint.id) ?? []), opts.policy);
  const [outcome] = await db.transaction((tx) => recordTries(tx, [{ delivery, endpoint, result }]));
  return outcome!;
}

/**
 * Signs the stored bytes of a claimed delivery with every active secret of its endpoint and POSTs
 * them (no transaction open). A secret that no longer decrypts (key ring changed) is recorded
 * like a failed try.
 */
export async function signAndSend(
  delivery: { id: string; body: string },
  endpoint: { url: string; headers: Record<string, string> | null },
  secrets: string[] | Error,
  policy?: AddressPolicy,
): Promise<SendResult> {
  if (secrets instanceof Error) {
    return { statusCode: null, durationMs: 0, responseBody: null, error: `Could not sign: ${secrets.message.slice(0, 200)}` };
  }
  const signed = signMessage(delivery.id, delivery.body, secrets);
  return sendMessage(endpoint.url, delivery.body, { ...endpoint.headers, ...signed }, { policy });
}
