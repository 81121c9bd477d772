import { z } from "zod";
import { eventTypes } from "@/lib/events/catalog";
import { endpointHeadersSchema } from "@/lib/outbound/headers";
import { endpointSecretSchema } from "@/lib/outbound/secrets";
import { endpointUrlSchema } from "@/lib/outbound/url";
import { itemOf, registerSchema, timestampSchema } from "./registry";

// Request and response schemas of /api/webhook-endpoints/**, /api/webhook-deliveries/**,
// /api/events/** and /api/notices (the outbound events API; the Webhooks screens use exactly these).

const int = (name: string, min: number, max: number, fallback: number) =>
  z.coerce.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`).default(fallback);

/** A keyset cursor: the `nextCursor` of the previous page (a positive whole number). */
const cursorSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, "cursor must be the nextCursor of the previous page").transform(Number).optional();

/** An event type of the catalog, or `*` for all (read when parsed, so catalog additions count). */
const eventTypeSchema = z.string().max(100, "an event type is at most 100 characters")
  .refine((t) => t === "*" || (eventTypes as string[]).includes(t), "must be an event type of the catalog or *");

const eventTypeListSchema = z.array(eventTypeSchema).min(1, "choose at least one event type (or *)").max(100, "at most 100 event types");

const descriptionSchema = z.string().max(500, "description is at most 500 characters");

/** `{ id }` of /api/webhook-endpoints/[id]/…: an endpoint id (a UUID); another organisation's answers 404. */
export const endpointParamsSchema = registerSchema(
  z.object({ id: z.uuid("id must be a webhook endpoint id (a UUID)") }),
  { id: "WebhookEndpointParams", io: "input" },
);

/** `{ id }` of /api/webhook-deliveries/[id]/…: a message id (`msg_` + 32 hex). */
export const deliveryParamsSchema = registerSchema(
  z.object({ id: z.string().regex(/^msg_[0-9a-f]{32}$/, "id must be a delivery id (msg_…)") }),
  { id: "WebhookDeliveryParams", io: "input" },
);

/** `{ id }` of /api/events/[id]/…: an event id (a UUID). */
export const eventParamsSchema = registerSchema(
  z.object({ id: z.uuid("id must be an event id (a UUID)") }),
  { id: "EventParams", io: "input" },
);

/** POST /api/webhook-endpoints. */
export const endpointCreateRequest = registerSchema(
  z.object({
    url: endpointUrlSchema,
    description: descriptionSchema.optional(),
    eventTypes: eventTypeListSchema,
    headers: endpointHeadersSchema.optional(),
    secret: endpointSecretSchema.optional(),
  }).strict(),
  { id: "WebhookEndpointCreate", io: "input" },
);

/** PATCH /api/webhook-endpoints/[id]: any of the fields; `status` pauses or resumes. */
export const endpointPatchRequest = registerSchema(
  z.object({
    url: endpointUrlSchema.optional(),
    description: descriptionSchema.optional(),
    eventTypes: eventTypeListSchema.optional(),
    headers: endpointHeadersSchema.optional(),
    status: z.enum(["active", "paused"], "status must be active or paused").optional(),
  }).strict().refine((p) => Object.keys(p).length > 0, "send at least one field to change"),
  { id: "WebhookEndpointPatch", io: "input" },
);

/** POST /api/webhook-endpoints/[id]/secret/rotate: optionally the new secret. */
export const secretRotateRequest = registerSchema(
  z.object({ secret: endpointSecretSchema.optional() }).strict(),
  { id: "WebhookSecretRotate", io: "input" },
);

/** POST /api/webhook-endpoints/[id]/test. */
export const testEventRequest = registerSchema(
  z.object({ type: eventTypeSchema.refine((t) => t !== "*", "type must be one event type") }).strict(),
  { id: "WebhookTestEvent", io: "input" },
);

/** POST /api/webhook-endpoints/[id]/recover: failed deliveries created since this time. */
export const recoverRequest = registerSchema(
  z.object({ since: z.iso.datetime({ offset: true, error: "since must be an ISO-8601 date-time" })
    .refine((s) => Number.isFinite(new Date(s).getTime()), "since must be a real date-time")
    .refine((s) => new Date(s).getTime() <= Date.now(), "since must not be in the future") }).strict(),
  { id: "WebhookRecover", io: "input" },
);

/** POST /api/events/[id]/resend. */
export const resendRequest = registerSchema(
  z.object({ endpointId: z.uuid("endpointId must be a webhook endpoint id (a UUID)").optional() }).strict(),
  { id: "EventResend", io: "input" },
);

/** GET /api/webhook-endpoints/[id]/attempts query. */
export const attemptsQuery = registerSchema(
  z.object({
    status: z.enum(["succeeded", "failed"], "status must be succeeded or failed").optional(),
    cursor: cursorSchema,
    limit: int("limit", 1, 200, 50),
  }).strict(),
  { id: "WebhookAttemptsQuery", io: "input" },
);

/** GET /api/webhook-endpoints/[id]/stats query. */
export const statsQuery = registerSchema(
  z.object({ hours: int("hours", 1, 168, 24) }).strict(),
  { id: "WebhookStatsQuery", io: "input" },
);

/** GET /api/events query. */
export const eventsQuery = registerSchema(
  z.object({ type: eventTypeSchema.optional(), cursor: cursorSchema, limit: int("limit", 1, 200, 50) }).strict(),
  { id: "EventListQuery", io: "input" },
);

const nullableNumber = z.number().nullable();

/** An endpoint with its last 24 hours (never its secret). */
export const endpointDto = registerSchema(
  z.object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    headers: z.record(z.string(), z.string()),
    status: z.enum(["active", "paused", "disabled"]),
    disabledReason: z.string().nullable(),
    createdAt: timestampSchema,
    stats24h: z.object({
      attempts: z.number().int(), succeeded: z.number().int(), failed: z.number().int(),
      successRate: nullableNumber, p50Ms: nullableNumber, p95Ms: nullableNumber,
    }),
  }).strict(),
  { id: "WebhookEndpoint", io: "output" },
);

export const endpointResponse = registerSchema(itemOf(endpointDto), { id: "WebhookEndpointResponse", io: "output" });
export const endpointListResponse = registerSchema(z.object({ data: z.array(endpointDto) }).strict(), { id: "WebhookEndpointList", io: "output" });

/** The signing secret(s), only from the explicit secret routes (admins). */
export const secretResponse = registerSchema(
  itemOf(z.object({ secret: z.string(), previousSecret: z.string().optional(), previousExpiresAt: timestampSchema.optional() }).strict()),
  { id: "WebhookSecret", io: "output" },
);

export const testEventResponse = registerSchema(itemOf(z.object({ eventId: z.string(), deliveryId: z.string() }).strict()), { id: "WebhookTestEventResult", io: "output" });
export const recoverResponse = registerSchema(itemOf(z.object({ requeued: z.number().int() }).strict()), { id: "WebhookRecoverResult", io: "output" });
export const retryResponse = registerSchema(itemOf(z.object({ deliveryId: z.string() }).strict()), { id: "WebhookRetryResult", io: "output" });
export const resendResponse = registerSchema(itemOf(z.object({ deliveries: z.number().int() }).strict()), { id: "EventResendResult", io: "output" });
export const deletedResponse = registerSchema(itemOf(z.object({ id: z.string(), deleted: z.literal(true) }).strict()), { id: "WebhookEndpointDeleted", io: "output" });

const cursorPage = z.object({ limit: z.number().int(), nextCursor: z.string().nullable() }).strict();

/** One HTTP try of a delivery. */
export const attemptDto = registerSchema(
  z.object({
    id: z.string(), deliveryId: z.string(), eventId: z.string(), eventType: z.string(), attempt: z.number().int(),
    statusCode: z.number().int().nullable(), durationMs: z.number().int(), responseBody: z.string().nullable(),
    error: z.string().nullable(), succeeded: z.boolean(), createdAt: timestampSchema,
  }).strict(),
  { id: "WebhookAttempt", io: "output" },
);
export const attemptListResponse = registerSchema(z.object({ data: z.array(attemptDto), page: cursorPage }).strict(), { id: "WebhookAttemptList", io: "output" });

export const statsResponse = registerSchema(
  itemOf(z.object({ buckets: z.array(z.object({ start: timestampSchema, succeeded: z.number().int(), failed: z.number().int(), p95Ms: nullableNumber }).strict()) }).strict()),
  { id: "WebhookStats", io: "output" },
);

/** An event of the organisation's outbox with its deliveries counted. */
export const eventDto = registerSchema(
  z.object({
    id: z.string(), type: z.string(), createdAt: timestampSchema,
    deliveries: z.object({ total: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), pending: z.number().int() }).strict(),
  }).strict(),
  { id: "OutboundEvent", io: "output" },
);
export const eventListResponse = registerSchema(z.object({ data: z.array(eventDto), page: cursorPage }).strict(), { id: "OutboundEventList", io: "output" });

/** An in-app notice (e.g. "a webhook endpoint was disabled"). */
export const noticeDto = registerSchema(
  z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: timestampSchema, readAt: timestampSchema.nullable() }).strict(),
  { id: "Notice", io: "output" },
);
export const noticeListResponse = registerSchema(z.object({ data: z.array(noticeDto) }).strict(), { id: "NoticeList", io: "output" });
export const noticeParamsSchema = registerSchema(z.object({ id: z.uuid("id must be a notice id (a UUID)") }), { id: "NoticeParams", io: "input" });
export const noticeReadResponse = registerSchema(itemOf(z.object({ id: z.string(), read: z.literal(true) }).strict()), { id: "NoticeRead", io: "output" });
