import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organisations } from "./organisations";

/**
 * `pending`: authorised at the provider but waiting for the user to choose the account (Xero
 * with several organisations); its tokens are already encrypted in `credentials`.
 */
export const connectionStatusEnum = pgEnum("connection_status", [
  "connected", "needs_reauth", "error", "disconnected", "pending",
]);

/**
 * One organisation's connection to one provider. Secrets (tokens, API keys, passwords) live only
 * in `credentials`, an AES-256-GCM envelope from lib/crypto (`v<key version>.<iv>.<tag>.<ciphertext>`);
 * nothing else in this row is secret.
 */
export const connections = pgTable("connections", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  status: connectionStatusEnum("status").notNull().default("connected"),
  authMode: text("auth_mode").notNull(),
  credentials: text("credentials"),
  /** Provider account: Xero tenant id, QuickBooks realmId, Slack team id, Stripe account id. */
  externalAccountId: text("external_account_id"),
  externalAccountName: text("external_account_name"),
  scopes: text("scopes").array().notNull().default([]),
  /** Access-token expiry, kept outside the envelope so refresh can be scheduled without decrypting. */
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  settings: jsonb("settings").notNull().default({}),
  refreshFailures: integer("refresh_failures").notNull().default(0),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  lastHealthCheckAt: timestamp("last_health_check_at", { withTimezone: true }),
  lastHealthOk: integer("last_health_ok"),
  lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
  connectedBy: text("connected_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date()),
}, (t) => [uniqueIndex("connections_org_provider_uq").on(t.organisationId, t.provider)]);

/**
 * Server-side OAuth state, single use, bound to the user and organisation that started the flow.
 * The row id is the SHA-256 of the `state` value sent to the provider; the PKCE verifier is
 * stored encrypted.
 */
export const oauthStates = pgTable("oauth_states", {
  id: text("id").primaryKey(),
  organisationId: text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" }),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only record of what people and the system did to integrations. */
export const auditLog = pgTable("audit_log", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: text("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
  actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  action: text("action").notNull(),
  provider: text("provider"),
  details: jsonb("details").notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("audit_log_org_idx").on(t.organisationId, t.createdAt)]);
