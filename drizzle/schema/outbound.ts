import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organisations } from "./organisations";

// Outbound events (lib/outbound): the app's domain events delivered to the organisation's
// endpoints as Standard Webhooks. Every row carries organisation_id; nothing here is secret except
// `webhook_endpoint_secrets.secret`, an AES-256-GCM envelope from lib/crypto (AAD = its row id).

/**
 * A subscriber URL. `event_types` lists catalogue types or `*`; `headers` are extra request
 * headers (hop-by-hop, signature and secret-naming names are refused at the boundary, since they
 * are stored and shown in plaintext). `disabled` is set by the hub (410, or failing for 5 days);
 * `failing_since` is the first failed attempt of the current unbroken run of failures.
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  eventTypes: text("event_types").array().notNull(),
  headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
  status: text("status", { enum: ["active", "paused", "disabled"] }).notNull().default("active"),
  disabledReason: text("disabled_reason"),
  failingSince: timestamp("failing_since", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("webhook_endpoints_org_idx").on(t.organisationId, t.createdAt)]);

/**
 * An endpoint's signing secrets: the current one (`expires_at` null) and, after a rotation, the
 * previous one until its `expires_at` (24 h). Every unexpired secret signs each delivery.
 */
export const webhookEndpointSecrets = pgTable("webhook_endpoint_secrets", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  endpointId: text("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  /** `whsec_…`, encrypted (lib/crypto envelope, AAD = this row's id). */
  secret: text("secret").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
}, (t) => [index("webhook_endpoint_secrets_endpoint_idx").on(t.endpointId, t.createdAt)]);

/**
 * One message: an event (or a test, a resend) for one endpoint. `id` is the `webhook-id` header,
 * stable across retries; `body` the exact bytes signed and sent. `event_id` is the outbox event
 * (a test message has its own id that is in no outbox).
 */
export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: text("id").primaryKey().$defaultFn(() => `msg_${crypto.randomUUID().replace(/-/g, "")}`),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  endpointId: text("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
  eventId: text("event_id").notNull(),
  eventType: text("event_type").notNull(),
  body: text("body").notNull(),
  status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
  /** Set while a try is in flight (its claim lease): the per-endpoint in-flight count reads it. */
  claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("webhook_deliveries_event_idx").on(t.eventId),
  // The delivery worker's claim: per endpoint, its due deliveries and its tries in flight.
  index("webhook_deliveries_endpoint_due_idx").on(t.endpointId, t.nextAttemptAt).where(sql`status = 'pending'`),
  index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  // The sweeper's scan: pending deliveries whose time has come.
  index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
]);

/**
 * One HTTP try of a delivery. `seq` orders attempts for keyset pagination, always within an
 * organisation (and endpoint): it has no index of its own on purpose. With one (it was the primary
 * key) the planner walked it backwards for a first page and passed every newer attempt of other
 * organisations (the logs benchmark: 180 ms past a million rows); the indexes below lead with the
 * organisation, so they are the only way to read attempts in `seq` order.
 */
export const webhookAttempts = pgTable("webhook_attempts", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  seq: bigserial("seq", { mode: "number" }).notNull(),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  endpointId: text("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
  deliveryId: text("delivery_id").notNull().references(() => webhookDeliveries.id, { onDelete: "cascade" }),
  attempt: integer("attempt").notNull(),
  statusCode: integer("status_code"),
  durationMs: integer("duration_ms").notNull(),
  /** The first 20 KB of the answer. */
  responseBody: text("response_body"),
  error: text("error"),
  succeeded: boolean("succeeded").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("webhook_attempts_endpoint_idx").on(t.organisationId, t.endpointId, t.seq),
  index("webhook_attempts_endpoint_status_idx").on(t.organisationId, t.endpointId, t.succeeded, t.seq),
  index("webhook_attempts_org_idx").on(t.organisationId, t.seq),
  index("webhook_attempts_endpoint_time_idx").on(t.endpointId, t.createdAt),
  index("webhook_attempts_delivery_idx").on(t.deliveryId),
]);

/**
 * In-app notices for an organisation ("an endpoint was disabled"): shown by the UI until read.
 * `link` is an app path.
 */
export const notices = pgTable("notices", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  kind: text("kind").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  link: text("link"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp("read_at", { withTimezone: true }),
  readBy: text("read_by").references(() => users.id, { onDelete: "set null" }),
}, (t) => [index("notices_org_idx").on(t.organisationId, t.createdAt)]);
