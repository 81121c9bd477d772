import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organisations } from "./organisations";

/**
 * An organisation's API keys (`Authorization: Bearer hub_sk_…`), for Zapier/Make/n8n and scripts.
 * Only the SHA-256 of the secret is stored; `prefix` (its first characters) tells keys apart in
 * lists. A key acts with `role` (member or admin, never above its creator's), and stops working
 * when revoked, past `expires_at`, or once its creator is no longer a member.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    /** Hex SHA-256 of the whole key; the key itself is shown once, at creation. */
    secretHash: text("secret_hash").notNull(),
    /** member or admin; keys are never owners (they do not manage members or keys). */
    role: text("role", { enum: ["member", "admin"] }).notNull().default("member"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Updated at most once a minute, so a busy key does not write on every request. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash_idx").on(t.secretHash),
    index("api_keys_org_idx").on(t.organisationId, t.createdAt),
    check("api_keys_role_check", sql`${t.role} in ('member', 'admin')`),
  ],
);
