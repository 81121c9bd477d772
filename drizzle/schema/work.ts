import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { customers } from "./accounting";
import { organisations } from "./organisations";

// Projects, support tickets and quotes: small work items whose changes emit the project.*,
// ticket.* and quote.* events (lib/db/queries/{projects,tickets,quotes}.ts). Every row carries
// organisation_id; statuses are text checked against the lists in lib/work/schemas.ts.
const orgId = () =>
  text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" });
const id = () => text("id").primaryKey().$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date());
/** A customer a work item may name; deleting the customer leaves the item without one. */
const optionalCustomer = () => text("customer_id").references(() => customers.id, { onDelete: "set null" });

export const projects = pgTable("projects", {
  id: id(), organisationId: orgId(),
  customerId: optionalCustomer(),
  name: text("name").notNull(),
  description: text("description"),
  status: text("status").notNull().default("active"),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  createdAt: createdAt(), updatedAt: updatedAt(),
}, (t) => [
  index("projects_org_created_idx").on(t.organisationId, t.createdAt),
  check("projects_status_ck", sql`${t.status} in ('active', 'completed')`),
]);

export const tickets = pgTable("tickets", {
  id: id(), organisationId: orgId(),
  customerId: optionalCustomer(),
  subject: text("subject").notNull(),
  description: text("description"),
  status: text("status").notNull().default("open"),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  createdAt: createdAt(), updatedAt: updatedAt(),
}, (t) => [
  index("tickets_org_created_idx").on(t.organisationId, t.createdAt),
  check("tickets_status_ck", sql`${t.status} in ('open', 'in_progress', 'resolved')`),
]);

export const quotes = pgTable("quotes", {
  id: id(), organisationId: orgId(),
  // A quote is a document sent to a customer: the customer cannot be deleted while it exists.
  customerId: text("customer_id").notNull().references(() => customers.id),
  number: text("number").notNull(),
  status: text("status").notNull().default("draft"),
  /** Minor units of `currency`. */
  total: bigint("total", { mode: "number" }).notNull().default(0),
  currency: text("currency").notNull().default("USD"),
  validUntil: date("valid_until").notNull(),
  notes: text("notes"),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
  createdAt: createdAt(), updatedAt: updatedAt(),
}, (t) => [
  unique("quotes_org_number_uq").on(t.organisationId, t.number),
  index("quotes_org_created_idx").on(t.organisationId, t.createdAt),
  // The expiry job reads open quotes by date.
  index("quotes_status_valid_idx").on(t.status, t.validUntil),
  check("quotes_status_ck", sql`${t.status} in ('draft', 'sent', 'accepted', 'rejected', 'expired')`),
]);

/** The last number handed out per organisation and kind ("quote"): Q-0001, Q-0002, … */
export const workCounters = pgTable("work_counters", {
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  kind: text("kind").notNull(),
  lastNumber: bigint("last_number", { mode: "number" }).notNull().default(0),
}, (t) => [primaryKey({ columns: [t.organisationId, t.kind] })]);
