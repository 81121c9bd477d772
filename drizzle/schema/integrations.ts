import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
 * One connection of an organisation to one provider account (a Xero tenant, a Stripe account, a
 * Slack workspace, an SMTP server, a catch hook). An organisation may hold several per provider;
 * exactly one live connection per (organisation, provider) is the default that the provider-level
 * routes act on. Secrets (tokens, API keys, passwords) live only
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
  /** What people call this connection in the hub; null = the account name. */
  displayName: text("display_name"),
  /** The one connection per (organisation, provider) that provider-level routes act on. */
  isDefault: boolean("is_default").notNull().default(false),
  /**
   * Connections created from one OAuth authorisation (several Xero tenants) share one grant: the
   * same refresh token. A refresh stores the rotated tokens on every connection of the grant.
   */
  grantId: text("grant_id"),
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
}, (t) => [
  index("connections_org_provider_idx").on(t.organisationId, t.provider),
  // The same provider account is connected once per organisation (reconnecting updates the row).
  uniqueIndex("connections_org_provider_account_uq").on(t.organisationId, t.provider, t.externalAccountId),
  uniqueIndex("connections_default_uq").on(t.organisationId, t.provider).where(sql`${t.isDefault}`),
  index("connections_grant_idx").on(t.grantId),
]);

/**
 * Short leases that keep one caller at a time on a piece of work that calls a provider (token
 * refresh), without holding a transaction across the call: taken in one committed statement,
 * released (or left to expire) after the result is stored.
 */
export const connectionLeases = pgTable("connection_leases", {
  key: text("key").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

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
  /** The connection the entry is about, so each connection has its own log. */
  connectionId: text("connection_id").references(() => connections.id, { onDelete: "set null" }),
  details: jsonb("details").notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("audit_log_org_idx").on(t.organisationId, t.createdAt),
  index("audit_log_connection_idx").on(t.connectionId, t.createdAt),
]);
