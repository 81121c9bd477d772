import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { connections } from "./integrations";
import { organisations } from "./organisations";

/** `received`: stored, waiting for (or between) processing attempts. */
export const inboundStatusEnum = pgEnum("inbound_status", ["received", "processed", "ignored", "failed"]);

/**
 * One verified webhook delivery for one connection, stored before the provider gets its 2xx.
 * `event_id` is the provider's id (Stripe `evt_…`, Slack `event_id`, CloudEvents `id`) or the
 * SHA-256 of the raw body where the provider gives none (Xero, QuickBooks legacy); the unique
 * (provider, connection, event id) is what makes a redelivery a no-op. `body` is the raw text the
 * signature covered; `headers` keep what helps debugging, with secrets stripped. Lists read it
 * newest first by keyset (received_at, id), never OFFSET, never count(*).
 */
export const inboundEvents = pgTable("inbound_events", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  connectionId: text("connection_id").notNull().references(() => connections.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  eventId: text("event_id").notNull(),
  type: text("type").notNull(),
  status: inboundStatusEnum("status").notNull().default("received"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  ignoredReason: text("ignored_reason"),
  /** What processing did: the payment recorded, the entity refs handed to sync… */
  result: jsonb("result"),
  headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
  body: text("body").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp("processed_at", { withTimezone: true }),
  /**
   * When the drain (lib/inbound/drain.ts) may take a `received` event next: now on arrival, a
   * lease while a drain holds it, the backoff after a failed try.
   */
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
  /** Failed tries since the event arrived or was last replayed (`attempts` counts all of them). */
  retries: integer("retries").notNull().default(0),
}, (t) => [
  uniqueIndex("inbound_events_dedupe_uq").on(t.provider, t.connectionId, t.eventId),
  index("inbound_events_org_received_idx").on(t.organisationId, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  index("inbound_events_org_provider_idx").on(t.organisationId, t.provider, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  index("inbound_events_org_status_idx").on(t.organisationId, t.status, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  index("inbound_events_org_type_idx").on(t.organisationId, t.type, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  index("inbound_events_connection_idx").on(t.connectionId, t.receivedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  // The drain's queue: only events still to process, in the order they come due.
  index("inbound_events_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'received'`),
]);

/**
 * A connection's inbound endpoint: its URL token (for providers that name no account in the
 * payload; only the SHA-256 is looked up, the token itself is kept encrypted so the Webhooks tab
 * can show the URL), its own signing secret (encrypted with lib/crypto, AAD = connection id), and
 * the count of refused deliveries (bad signature, stale, too many), upserted per refusal.
 */
export const inboundEndpoints = pgTable("inbound_endpoints", {
  connectionId: text("connection_id").primaryKey().references(() => connections.id, { onDelete: "cascade" }),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash"),
  token: text("token"),
  signingSecret: text("signing_secret"),
  rejectedCount: integer("rejected_count").notNull().default(0),
  lastRejectedAt: timestamp("last_rejected_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("inbound_endpoints_token_uq").on(t.tokenHash).where(sql`${t.tokenHash} is not null`),
  index("inbound_endpoints_org_idx").on(t.organisationId),
]);
