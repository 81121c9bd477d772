import { and, arrayOverlaps, eq } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import { bulkInsert, inList } from "@/lib/db/bulk";
import type { DbOrTx } from "@/lib/db/client";

/** The event an outbound message carries. */
export interface OutboundEvent {
  id: string;
  type: string;
  organisationId: string;
  payload: unknown;
  createdAt: Date;
}

/** A delivery to try: its id, endpoint and how many tries it has had (the claim fence). */
export interface DeliveryRef {
  deliveryId: string;
  endpointId: string;
  attempts: number;
}

/**
 * The Standard Webhooks payload `{ type, timestamp, data }`, serialised once: these bytes are
 * stored, signed and sent unchanged on every try.
 */
export const messageBody = (event: Pick<OutboundEvent, "type" | "payload" | "createdAt">) =>
  JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.payload });

/**
 * Creates one pending delivery per endpoint in one INSERT: the organisation's active endpoints
 * subscribed to the event's type or `*`, or exactly `endpointIds` (a resend to chosen
 * endpoints; still the organisation's own).
 */
export async function createDeliveries(tx: DbOrTx, event: OutboundEvent, opts: { endpointIds?: string[] } = {}): Promise<DeliveryRef[]> {
  const endpoints = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(
    eq(webhookEndpoints.organisationId, event.organisationId),
    eq(webhookEndpoints.status, "active"),
    opts.endpointIds ? undefined : arrayOverlaps(webhookEndpoints.eventTypes, [event.type, "*"]),
  ));
  const targets = opts.endpointIds ? endpoints.filter((e) => opts.endpointIds!.includes(e.id)) : endpoints;
  if (targets.length === 0) return [];
  const body = messageBody(event);
  const now = new Date();
  const rows = await tx.insert(webhookDeliveries).values(targets.map((e) => ({
    organisationId: event.organisationId, endpointId: e.id, eventId: event.id, eventType: event.type, body, nextAttemptAt: now,
  }))).returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId });
  return rows.map((r) => ({ deliveryId: r.id, endpointId: r.endpointId, attempts: 0 }));
}

/** The event types each organisation's active endpoints subscribe to (`*`: every type), in one query. */
export async function subscribedTypes(db: DbOrTx, organisationIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db.select({ organisationId: webhookEndpoints.organisationId, eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
    .where(and(inList(webhookEndpoints.organisationId, organisationIds), eq(webhookEndpoints.status, "active")));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.organisationId, [...(out.get(r.organisationId) ?? []), ...r.eventTypes]);
  return out;
}

/**
 * createDeliveries for many events (the outbox drain's batch) in two statements per organisation:
 * its active endpoints read once, then every delivery of the batch in one INSERT (one parameter).
 * Same rows as createDeliveries of each event in turn.
 */
export async function createDeliveriesMany(tx: DbOrTx, events: OutboundEvent[]): Promise<DeliveryRef[]> {
  const refs: DeliveryRef[] = [];
  for (const organisationId of new Set(events.map((e) => e.organisationId))) {
    const endpoints = await tx.select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.organisationId, organisationId), eq(webhookEndpoints.status, "active")));
    if (endpoints.length === 0) continue;
    const now = new Date();
    const rows = events.filter((e) => e.organisationId === organisationId).flatMap((event) => {
      const body = messageBody(event);
      return endpoints.filter((e) => e.eventTypes.includes(event.type) || e.eventTypes.includes("*")).map((e) => ({
        organisationId, endpointId: e.id, eventId: event.id, eventType: event.type, body, nextAttemptAt: now,
      }));
    });
    if (rows.length === 0) continue;
    const saved = await bulkInsert(tx, webhookDeliveries, rows, { returning: true });
    refs.push(...saved.map((r) => ({ deliveryId: r.id, endpointId: r.endpointId, attempts: 0 })));
  }
  return refs;
}
