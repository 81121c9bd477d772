import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { connections } from "./integrations";
import { organisations } from "./organisations";

/**
 * The provider's tax rates and chart of accounts, pulled per connection (lib/sync/lookups.ts) so a
 * mapping's lookup transform can offer them. Replaced as a whole on each pull; never pushed.
 */
export const syncLookups = pgTable("sync_lookups", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  connectionId: text("connection_id").notNull().references(() => connections.id, { onDelete: "cascade" }),
  /** `tax_rates` or `accounts`. */
  kind: text("kind").notNull(),
  externalId: text("external_id").notNull(),
  /** What a mapping sends: Xero TaxType / account Code, QuickBooks Id. */
  code: text("code").notNull(),
  name: text("name").notNull(),
  /** Tax rates: percent as text ("8.0000"); accounts: the provider's account type. */
  detail: text("detail"),
  active: boolean("active").notNull().default(true),
  raw: jsonb("raw").$type<Record<string, unknown>>().notNull().default({}),
  pulledAt: timestamp("pulled_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("sync_lookups_conn_kind_ext_uq").on(t.connectionId, t.kind, t.externalId),
  index("sync_lookups_org_idx").on(t.organisationId, t.connectionId, t.kind),
]);
