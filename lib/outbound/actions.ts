import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { outboxEvents, webhookDeliveries } from "@/drizzle/schema";
import { requireActorRole, type AccessContext } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import { ApiError } from "@/lib/api/problem";
import type { Db } from "@/lib/db/client";
import { eventCatalog } from "@/lib/events/catalog";
import { getEndpointRow } from "./endpoints";
import { createDeliveries, type DeliveryRef } from "./fanout";
import { writeAndQueue } from "./jobs";

// The recovery actions of the Webhooks screens. Each writes its rows in one transaction and
// queues the tries with it (writeAndQueue), so a try exists exactly when its delivery does.

/** The sample payload of a catalogued type (the catalog's `sample`), or a minimal stand-in. */
function sampleOf(type: string): unknown {
  const entry = (eventCatalog as Record<string, { sample?: unknown } | undefined>)[type];
  if (!entry) throw new ApiError(400, "invalid_input", `Unknown event type "${type}".`, [{ in: "body", path: "type", message: "type must be an event type of the catalog" }]);
  return entry.sample ?? {};
}

/** Sends one type's sample to one endpoint as a test message (its own event id, in no outbox). */
export async function sendTestEvent(db: Db, ctx: AccessContext, endpointId: string, type: string): Promise<{ eventId: string; deliveryId: string }> {
  requireActorRole(ctx, "admin");
  const endpoint = await getEndpointRow(db, ctx, endpointId);
  if (endpoint.status !== "active") throw new ApiError(409, "endpoint_not_active", "Resume the endpoint before sending it a test event.");
  const event = { id: crypto.randomUUID(), type, organisationId: ctx.organisationId, payload: sampleOf(type), createdAt: new Date() };
  const ref = await writeAndQueue(db, async (tx) => {
    const refs = await createDeliveries(tx, event, { endpointIds: [endpointId] });
    return { refs, result: refs[0]! };
  });
  return { eventId: event.id, deliveryId: ref.deliveryId };
}

/**
 * "Retry now" for one delivery of the organisation: a failed one becomes pending again and gets
 * one more try at once (more only if the schedule has tries left); a pending one is tried now.
 */
export async function retryDelivery(db: Db, ctx: AccessContext, deliveryId: string): Promise<{ deliveryId: string }> {
  requireActorRole(ctx, "admin");
  const [row] = await db.select().from(webhookDeliveries).where(scoped(webhookDeliveries, ctx, eq(webhookDeliveries.id, deliveryId)));
  if (!row) throw new NotFoundError("Delivery not found");
  const endpoint = await getEndpointRow(db, ctx, row.endpointId);
  if (row.status === "succeeded") throw new ApiError(409, "already_delivered", "This delivery already succeeded; resend the event to send it again.");
  if (endpoint.status !== "active") throw new ApiError(409, "endpoint_not_active", "Resume the endpoint before retrying its deliveries.");
  await writeAndQueue(db, async (tx) => {
    await tx.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: new Date(), updatedAt: new Date() }).where(eq(webhookDeliveries.id, row.id));
    return { refs: [{ deliveryId: row.id, endpointId: row.endpointId, attempts: row.attempts }], result: null };
  }, { manual: true });
  return { deliveryId: row.id };
}

/** Re-queues every failed delivery of an endpoint created since `since` (one batch, up to 10,000). */
export async function recoverDeliveries(db: Db, ctx: AccessContext, endpointId: string, since: Date): Promise<{ requeued: number }> {
  requireActorRole(ctx, "admin");
  const endpoint = await getEndpointRow(db, ctx, endpointId);
  if (endpoint.status !== "active") throw new ApiError(409, "endpoint_not_active", "Resume the endpoint before recovering its deliveries.");
  const refs = await writeAndQueue(db, async (tx) => {
    const rows = await tx.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: new Date(), updatedAt: new Date() })
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.organisationId, ctx.organisationId),
        eq(webhookDeliveries.status, "failed"), gte(webhookDeliveries.createdAt, since),
        inArray(webhookDeliveries.id, sql`(select id from ${webhookDeliveries} where endpoint_id = ${endpointId} and status = 'failed' and created_at >= ${since.toISOString()} limit 10000)`)))
      .returning({ deliveryId: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, attempts: webhookDeliveries.attempts });
    return { refs: rows, result: rows };
  });
  return { requeued: refs.length };
}

/** Pending deliveries of a resumed endpoint get their tries queued again (they waited while it was paused). */
export async function requeuePending(db: Db, ctx: AccessContext, endpointId: string): Promise<number> {
  return writeAndQueue(db, async (tx) => {
    const rows: DeliveryRef[] = await tx.update(webhookDeliveries).set({ nextAttemptAt: new Date() })
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.organisationId, ctx.organisationId), eq(webhookDeliveries.status, "pending")))
      .returning({ deliveryId: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, attempts: webhookDeliveries.attempts });
    return { refs: rows, result: rows.length };
  });
}

/**
 * Sends an event of the organisation's outbox again as new messages: to one endpoint (active,
 * whatever it subscribes to) or to every active endpoint subscribed to its type now.
 */
export async function resendEvent(db: Db, ctx: AccessContext, eventId: string, endpointId?: string): Promise<{ deliveries: number }> {
  requireActorRole(ctx, "admin");
  const [row] = await db.select().from(outboxEvents).where(scoped(outboxEvents, ctx, eq(outboxEvents.id, eventId)));
  if (!row) throw new NotFoundError("Event not found");
  if (endpointId) {
    const endpoint = await getEndpointRow(db, ctx, endpointId);
    if (endpoint.status !== "active") throw new ApiError(409, "endpoint_not_active", "Resume the endpoint before resending to it.");
  }
  const event = { id: row.id, type: row.type, organisationId: row.organisationId, payload: row.payload, createdAt: row.createdAt };
  const refs = await writeAndQueue(db, async (tx) => {
    const made = await createDeliveries(tx, event, endpointId ? { endpointIds: [endpointId] } : {});
    return { refs: made, result: made };
  });
  return { deliveries: refs.length };
}
