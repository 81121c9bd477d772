import { z } from "zod";
import { inboundStatusEnum } from "@/drizzle/schema";
import { itemOf, registerSchema, timestampSchema } from "./registry";

// Request and response schemas of /api/webhooks/events/** and /api/connections/[id]/webhook.
// The inbound receivers (/api/webhooks/[provider][/token]) speak each provider's protocol.

const text = (name: string, max: number) =>
  z.string(`${name} must be text`).min(1, `${name} is empty`).max(max, `${name} is at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f]/.test(s), `${name} must not contain control characters`);

const isoDate = (name: string) =>
  z.string().max(40, `${name} is at most 40 characters`)
    .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\d/.test(s), `${name} must be an ISO date or date-time (2026-01-31 or 2026-01-31T10:00:00Z)`)
    .transform((s) => new Date(s))
    .refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 9999, `${name} must be between 1970 and 9999`);

/** GET /api/webhooks/events query: filters, a page size and the previous page's `nextCursor`. */
export const inboundEventListQuery = registerSchema(
  z.object({
    provider: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "provider must be an integration id").optional(),
    type: text("type", 200).optional(),
    status: z.enum(inboundStatusEnum.enumValues, `status must be one of ${inboundStatusEnum.enumValues.join(", ")}`).optional(),
    connectionId: z.uuid("connectionId must be a connection id (a UUID)").optional(),
    from: isoDate("from").optional(),
    to: isoDate("to").optional(),
    cursor: z.string().max(200, "cursor is at most 200 characters").regex(/^[A-Za-z0-9_-]+$/, "cursor must be the nextCursor of the previous page").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number")
      .min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(50),
  }).strict(),
  { id: "InboundEventListQuery", io: "input" },
);

/** `{ id }` of /api/webhooks/events/[id]. */
export const inboundEventParams = registerSchema(
  z.object({ id: z.uuid("id must be a webhook event id (a UUID)") }),
  { id: "InboundEventParams", io: "input" },
);

/** POST /api/webhooks/events/replay. */
export const replayRequest = registerSchema(
  z.object({
    ids: z.array(z.uuid("ids must be webhook event ids (UUIDs)"), "ids must be a list of event ids")
      .min(1, "ids needs at least one event id").max(100, "ids takes at most 100 event ids"),
  }).strict(),
  { id: "ReplayRequest", io: "input" },
);

/** PUT /api/connections/[id]/webhook: the connection's own signing secret, or null to use the environment's. */
export const webhookSecretRequest = registerSchema(
  z.object({ signingSecret: text("signingSecret", 500).nullable() }).strict(),
  { id: "WebhookSecretRequest", io: "input" },
);

/** One inbound event in the log. */
export const inboundEventDto = registerSchema(
  z.object({
    id: z.string(), provider: z.string(), connectionId: z.string(), connectionName: z.string(), eventId: z.string(), type: z.string(),
    status: z.enum(inboundStatusEnum.enumValues), attempts: z.number().int(), lastError: z.string().nullable(),
    ignoredReason: z.string().nullable(), receivedAt: timestampSchema, processedAt: timestampSchema.nullable(),
  }),
  { id: "InboundEvent", io: "output" },
);

export const inboundEventListResponse = registerSchema(
  z.object({ data: z.array(inboundEventDto), page: z.object({ limit: z.number().int(), nextCursor: z.string().nullable() }) }),
  { id: "InboundEventList", io: "output" },
);

export const inboundEventDetailResponse = registerSchema(
  itemOf(inboundEventDto.extend({ payload: z.unknown(), headers: z.record(z.string(), z.string()) })),
  { id: "InboundEventDetail", io: "output" },
);

export const replayResponse = registerSchema(itemOf(z.object({ replayed: z.number().int() })), { id: "ReplayResult", io: "output" });

/** A connection's webhook settings: where providers post, and whether a secret is set (never the secret). */
export const webhookSettingsResponse = registerSchema(
  itemOf(z.object({
    url: z.string(), tokenUrl: z.string(), signingSecretSet: z.boolean(), secretSource: z.enum(["connection", "environment", "none"]),
    rejectedCount: z.number().int(), lastReceivedAt: timestampSchema.nullable(),
  })),
  { id: "WebhookSettings", io: "output" },
);
