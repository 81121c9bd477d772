import { z } from "zod";
import { callApi, callApiBody, type ApiResult } from "@/components/integrations/api-client";

// The outbound-webhooks HTTP contract as the screens read it (lib/api/schemas/outbound.ts is the
// server's side). Objects are loose so a field the API adds later does not break a screen.

const stats24h = z.looseObject({
  attempts: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  successRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
});

export const endpointSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable().default(null),
  eventTypes: z.array(z.string()),
  headers: z.record(z.string(), z.string()).default({}),
  status: z.enum(["active", "paused", "disabled"]),
  disabledReason: z.string().nullable().default(null),
  createdAt: z.string(),
  stats24h: stats24h.nullable().default(null),
});
/** One webhook endpoint (EndpointDto). */
export type Endpoint = z.infer<typeof endpointSchema>;

export const secretSchema = z.looseObject({
  secret: z.string(),
  previousSecret: z.string().nullable().optional(),
  previousExpiresAt: z.string().nullable().optional(),
});
/** An endpoint's signing secret(s), as only admins get them. */
export type EndpointSecret = z.infer<typeof secretSchema>;

export const attemptSchema = z.looseObject({
  id: z.string(),
  deliveryId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number(),
  statusCode: z.number().nullish(),
  durationMs: z.number().nullish(),
  responseBody: z.string().nullish(),
  error: z.string().nullish(),
  succeeded: z.boolean(),
  createdAt: z.string(),
});
/** One try at delivering one event to one endpoint (AttemptDto). */
export type Attempt = z.infer<typeof attemptSchema>;

export const bucketSchema = z.looseObject({
  start: z.string(),
  succeeded: z.number(),
  failed: z.number(),
  p95Ms: z.number().nullable().optional(),
});
/** One hour of an endpoint's attempts. */
export type StatsBucket = z.infer<typeof bucketSchema>;

export const eventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  createdAt: z.string(),
  deliveries: z.looseObject({ total: z.number(), succeeded: z.number(), failed: z.number(), pending: z.number() }),
});
/** One of the organisation's events with its delivery counts. */
export type OutboundEvent = z.infer<typeof eventSchema>;

export const noticeSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
/** An in-app notice, e.g. "a webhook endpoint was disabled". */
export type Notice = z.infer<typeof noticeSchema>;

const pageSchema = z.looseObject({ nextCursor: z.string().nullable().optional() });

/** A cursor page: the rows and the cursor of the next page (null on the last). */
export interface CursorPage<T> {
  data: T[];
  nextCursor: string | null;
}

const listOf = <T>(row: z.ZodType<T>) =>
  z.object({ data: z.array(row), page: pageSchema.optional() }).transform((b): CursorPage<T> => ({ data: b.data, nextCursor: b.page?.nextCursor ?? null }));

/** The input of "Add endpoint" and "Edit". */
export interface EndpointInput {
  url: string;
  description?: string;
  eventTypes: string[];
  headers?: Record<string, string>;
}

const base = "/api/webhook-endpoints";
const endpointPath = (id: string, rest = "") => `${base}/${encodeURIComponent(id)}${rest}`;

/** Throws the API failure so React Query shows it as the query's error. */
export async function unwrap<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw Object.assign(new Error(r.message), { failure: r });
  return r.data;
}

const qs = (params: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
};

export const outboundApi = {
  listEndpoints: () => callApi("GET", base, z.array(endpointSchema)),
  getEndpoint: (id: string) => callApi("GET", endpointPath(id), endpointSchema),
  createEndpoint: (input: EndpointInput) => callApi("POST", base, endpointSchema, input),
  updateEndpoint: (id: string, input: Partial<EndpointInput> & { status?: "active" | "paused" }) =>
    callApi("PATCH", endpointPath(id), endpointSchema, input),
  // A delete may answer 204 without a body: any answer that is not a failure is success.
  deleteEndpoint: (id: string) => callApiBody("DELETE", endpointPath(id), z.unknown()),
  getSecret: (id: string) => callApi("GET", endpointPath(id, "/secret"), secretSchema),
  rotateSecret: (id: string) => callApi("POST", endpointPath(id, "/secret/rotate"), secretSchema, {}),
  sendTest: (id: string, type: string) =>
    callApi("POST", endpointPath(id, "/test"), z.looseObject({ eventId: z.string(), deliveryId: z.string() }), { type }),
  recover: (id: string, since: string) => callApi("POST", endpointPath(id, "/recover"), z.looseObject({ requeued: z.number() }), { since }),
  attempts: (id: string, params: { status?: string; cursor?: string | null; limit?: number }) =>
    callApiBody("GET", endpointPath(id, `/attempts${qs(params)}`), listOf(attemptSchema)),
  stats: (id: string, hours = 24) => callApi("GET", endpointPath(id, `/stats${qs({ hours })}`), z.looseObject({ buckets: z.array(bucketSchema) })),
  retryDelivery: (deliveryId: string) =>
    callApi("POST", `/api/webhook-deliveries/${encodeURIComponent(deliveryId)}/retry`, z.looseObject({ deliveryId: z.string() }), {}),
  events: (params: { type?: string; cursor?: string | null; limit?: number }) => callApiBody("GET", `/api/events${qs(params)}`, listOf(eventSchema)),
  resendEvent: (eventId: string, endpointId?: string) =>
    callApi("POST", `/api/events/${encodeURIComponent(eventId)}/resend`, z.looseObject({ deliveries: z.number() }), endpointId ? { endpointId } : {}),
  notices: () => callApi("GET", "/api/notices", z.array(noticeSchema)),
  dismissNotice: (id: string) => callApi("POST", `/api/notices/${encodeURIComponent(id)}/read`, z.unknown(), {}),
};

/** React Query keys of the outbound screens, so a mutation can refresh what it changed. */
export const outboundKeys = {
  all: ["outbound"] as const,
  endpoints: () => ["outbound", "endpoints"] as const,
  endpoint: (id: string) => ["outbound", "endpoints", id] as const,
  stats: (id: string) => ["outbound", "endpoints", id, "stats"] as const,
  attempts: (id: string, status: string) => ["outbound", "endpoints", id, "attempts", status] as const,
  events: (type: string) => ["outbound", "events", type] as const,
  notices: () => ["outbound", "notices"] as const,
};
