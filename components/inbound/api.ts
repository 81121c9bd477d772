import { z } from "zod";
import { callApi, callApiBody, connectionApiPath } from "@/components/integrations/api-client";

/** What happened to an inbound webhook (lib/inbound's statuses). */
export const inboundStatuses = ["received", "processed", "ignored", "failed"] as const;
export type InboundStatus = (typeof inboundStatuses)[number];

/** One stored inbound webhook as `GET /api/webhooks/events` lists it. */
export const inboundEventSchema = z.object({
  id: z.string(),
  provider: z.string(),
  connectionId: z.string().nullable(),
  connectionName: z.string().nullable(),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(inboundStatuses),
  attempts: z.number(),
  lastError: z.string().nullable(),
  ignoredReason: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;

/** One event with what the provider sent: `GET /api/webhooks/events/{id}`. */
export const inboundEventDetailSchema = inboundEventSchema.extend({
  payload: z.unknown(),
  headers: z.record(z.string(), z.unknown()).nullable(),
});
export type InboundEventDetail = z.infer<typeof inboundEventDetailSchema>;

const pageSchema = z.object({
  data: z.array(inboundEventSchema),
  page: z.object({ limit: z.number(), nextCursor: z.string().nullable().optional() }),
});
export type InboundEventPage = z.infer<typeof pageSchema>;

/** A connection's receiving end: `GET|PUT /api/connections/{id}/webhook`. */
export const connectionWebhookSchema = z.object({
  url: z.string(),
  tokenUrl: z.string().nullable(),
  signingSecretSet: z.boolean(),
  secretSource: z.enum(["connection", "environment", "none"]),
  rejectedCount: z.number(),
  lastReceivedAt: z.string().nullable(),
});
export type ConnectionWebhook = z.infer<typeof connectionWebhookSchema>;

/** The log's filters, as the API names them (empty values are left out of the query). */
export interface InboundFilters {
  provider?: string;
  type?: string;
  status?: string;
  connectionId?: string;
  /** ISO instants (the screens turn the organisation's calendar days into these). */
  from?: string;
  to?: string;
}

/** Rows per page of the log. */
export const PAGE_SIZE = 25;

/** `/api/webhooks/events?…` for these filters and cursor. */
export function eventsUrl(filters: InboundFilters, cursor?: string | null, limit = PAGE_SIZE): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (cursor) q.set("cursor", cursor);
  q.set("limit", String(limit));
  return `/api/webhooks/events?${q}`;
}

/** Thrown by the query functions so React Query shows the API's own message. */
export class InboundApiError extends Error {}

async function unwrap<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new InboundApiError(res.message);
  return res.data;
}

export const fetchEventPage = (filters: InboundFilters, cursor?: string | null) =>
  unwrap(callApiBody("GET", eventsUrl(filters, cursor), pageSchema));

export const fetchEvent = (id: string) =>
  unwrap(callApi("GET", `/api/webhooks/events/${encodeURIComponent(id)}`, inboundEventDetailSchema));

export const replayEvents = (ids: string[]) =>
  unwrap(callApi("POST", "/api/webhooks/events/replay", z.object({ replayed: z.number() }), { ids }));

export const fetchConnectionWebhook = (connectionId: string) =>
  unwrap(callApi("GET", connectionApiPath(connectionId, "/webhook"), connectionWebhookSchema));

/** Sets (a string) or clears (null) the connection's own signing secret; admins only. */
export const putSigningSecret = (connectionId: string, signingSecret: string | null) =>
  callApi("PUT", connectionApiPath(connectionId, "/webhook"), connectionWebhookSchema, { signingSecret });

/** React Query keys: every log list starts with "inbound-events" so a replay refreshes them all. */
export const inboundKeys = {
  all: ["inbound-events"] as const,
  list: (filters: InboundFilters) => ["inbound-events", "list", filters] as const,
  detail: (id: string) => ["inbound-events", "detail", id] as const,
  connection: (id: string) => ["connection-webhook", id] as const,
};
