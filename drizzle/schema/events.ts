import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { organisations } from "./organisations";

/**
 * The transactional outbox (DESIGN.md, "Outbox relay"): a domain write inserts its event here in
 * its own transaction; the relay hands committed rows to the job driver and stamps `sent_at`.
 * `seq` orders events (per aggregate) and `id` is the event id consumers dedupe on.
 */
export const outboxEvents = pgTable("outbox_events", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  id: text("id").notNull().unique().$defaultFn(() => crypto.randomUUID()),
  type: text("type").notNull(),
  aggregateType: text("aggregate_type").notNull(),
  aggregateId: text("aggregate_id").notNull(),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  payload: jsonb("payload").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Set when the relay has handed the event to the job driver. */
  sentAt: timestamp("sent_at", { withTimezone: true }),
  /** Inngest relay: a relay holds the row until then while it calls `inngest.send`. */
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  attempts: integer("attempts").notNull().default(0),
}, (t) => [
  index("outbox_events_unsent_idx").on(t.seq).where(sql`sent_at is null`),
  // The claim's "no earlier event of the aggregate under a live lease" check (leaseDue) probes
  // this per candidate: leased unsent rows only, by aggregate. Before it, each claim joined the
  // backlog against every leased row: ~40 ms a claim behind a 100,000-invoice pull, the largest
  // database cost of that pull; now 0.4-2.5 ms whatever the backlog.
  index("outbox_events_leased_idx").on(t.aggregateType, t.aggregateId, t.seq).where(sql`sent_at is null and lease_until is not null`),
  // The organisation's event log (GET /api/events), newest first, by type or not.
  index("outbox_events_org_seq_idx").on(t.organisationId, t.seq),
  index("outbox_events_org_type_seq_idx").on(t.organisationId, t.type, t.seq),
]);

/** One row per (consumer, event) handled: what makes consumers idempotent under at-least-once delivery. */
export const eventConsumptions = pgTable("event_consumptions", {
  consumer: text("consumer").notNull(),
  eventId: text("event_id").notNull(),
  consumedAt: timestamp("consumed_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.consumer, t.eventId] })]);
