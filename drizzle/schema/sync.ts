import { sql } from "drizzle-orm";
import {
  bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from "drizzle-orm/pg-core";
import { connections } from "./integrations";
import { organisations } from "./organisations";

// Sync state per connection (lib/sync). Every row carries organisation_id like all tenant data;
// a connection's sync rows go with it (cascade), local accounting rows never do.
const orgId = () =>
  text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" });
const connectionId = () =>
  text("connection_id").notNull().references(() => connections.id, { onDelete: "cascade" });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const syncDirectionEnum = pgEnum("sync_direction", ["pull", "push", "both"]);
export const syncScheduleEnum = pgEnum("sync_schedule", ["manual", "hourly", "daily", "weekly", "realtime"]);
export const syncConflictPolicyEnum = pgEnum("sync_conflict_policy", ["newest", "app", "provider", "ask"]);
/** What a remote deletion or void does locally: never a hard delete of accounting data. */
export const syncDeletePolicyEnum = pgEnum("sync_delete_policy", ["void", "archive", "ignore"]);
export const syncRunStatusEnum = pgEnum("sync_run_status", ["queued", "running", "succeeded", "partial", "failed", "cancelled"]);
export const syncRunModeEnum = pgEnum("sync_run_mode", ["full", "incremental"]);

/**
 * Per connection × entity: what syncs, which way, how often and who wins a conflict. A missing
 * row means the defaults (lib/sync/settings.ts).
 */
export const syncSettings = pgTable("sync_settings", {
  organisationId: orgId(), connectionId: connectionId(),
  entity: text("entity").notNull(),
  direction: syncDirectionEnum("direction").notNull().default("both"),
  enabled: boolean("enabled").notNull().default(true),
  schedule: syncScheduleEnum("schedule").notNull().default("hourly"),
  conflictPolicy: syncConflictPolicyEnum("conflict_policy").notNull().default("newest"),
  deletePolicy: syncDeletePolicyEnum("delete_policy").notNull().default("void"),
  /** Field mapping overrides (lib/sync/mapping.ts); null = the provider's default mapping. */
  mapping: jsonb("mapping"),
  updatedAt: at("updated_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.connectionId, t.entity] })]);

/**
 * Local record ↔ provider record, per connection and entity. `remoteVersion` is what the provider
 * says changes on every edit (Xero UpdatedDateUTC, QuickBooks SyncToken); `contentHash` the hash
 * of the mapped local fields as last synced either way; `lastPushedHash` what the hub last sent
 * (a pulled record with that hash is our own echo). `syncedAt` equals the local row's updated_at
 * at the last sync, so a local row updated later is pending a push.
 */
export const syncLinks = pgTable("sync_links", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: orgId(), connectionId: connectionId(),
  entity: text("entity").notNull(),
  localId: text("local_id").notNull(),
  externalId: text("external_id").notNull(),
  remoteVersion: text("remote_version"),
  contentHash: text("content_hash"),
  lastPushedHash: text("last_pushed_hash"),
  /** The record's page at the provider (the source badge's link). */
  externalUrl: text("external_url"),
  /** Set when the provider deleted/archived the record and the delete policy kept it locally. */
  remoteDeletedAt: at("remote_deleted_at"),
  syncedAt: at("synced_at").notNull().defaultNow(),
  updatedAt: at("updated_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("sync_links_external_uq").on(t.connectionId, t.entity, t.externalId),
  uniqueIndex("sync_links_local_uq").on(t.connectionId, t.entity, t.localId),
  index("sync_links_local_idx").on(t.organisationId, t.entity, t.localId),
]);

/**
 * Where the next pull of a connection × entity starts (`modifiedSince`: Xero If-Modified-Since,
 * QuickBooks CDC changedSince), and the in-run cursor of the run that is walking pages now
 * (`runId` + `cursor`), written in the same transaction as each page's records.
 */
export const syncCheckpoints = pgTable("sync_checkpoints", {
  organisationId: orgId(), connectionId: connectionId(),
  entity: text("entity").notNull(),
  modifiedSince: at("modified_since"),
  runId: text("run_id"),
  cursor: jsonb("cursor"),
  page: integer("page").notNull().default(0),
  updatedAt: at("updated_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.connectionId, t.entity] })]);

/**
 * One sync run of a connection (one entity, or every enabled entity when `entity` is null).
 * At most one queued or running run per connection and entity scope (partial unique index): a
 * second request joins it.
 */
export const syncRuns = pgTable("sync_runs", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: orgId(), connectionId: connectionId(),
  provider: text("provider").notNull(),
  /** null = every enabled entity. */
  entity: text("entity"),
  direction: text("direction").notNull().default("pull"),
  mode: syncRunModeEnum("mode").notNull().default("incremental"),
  status: syncRunStatusEnum("status").notNull().default("queued"),
  /** The entity being walked now. */
  currentEntity: text("current_entity"),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  deleted: integer("deleted").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  /** Records the provider says there are, where it tells (null otherwise). */
  total: integer("total"),
  /** Records processed so far. */
  progress: integer("progress").notNull().default(0),
  cancelRequested: boolean("cancel_requested").notNull().default(false),
  /** "retry failed": the (entity, external/local id) pairs this run re-does, null = everything. */
  only: jsonb("only"),
  retryOf: text("retry_of"),
  error: text("error"),
  requestedBy: text("requested_by"),
  createdAt: at("created_at").notNull().defaultNow(),
  startedAt: at("started_at"),
  finishedAt: at("finished_at"),
}, (t) => [
  index("sync_runs_connection_idx").on(t.connectionId, t.createdAt),
  uniqueIndex("sync_runs_active_uq")
    .on(t.connectionId, t.direction, sql`coalesce(${t.entity}, '*')`)
    .where(sql`${t.status} in ('queued', 'running')`),
]);

/** A record a run could not sync: the record's id and the provider's (or mapping's) message. */
export const syncRunErrors = pgTable("sync_run_errors", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  organisationId: orgId(),
  runId: text("run_id").notNull().references(() => syncRuns.id, { onDelete: "cascade" }),
  entity: text("entity").notNull(),
  externalId: text("external_id"),
  localId: text("local_id"),
  message: text("message").notNull(),
  createdAt: at("created_at").notNull().defaultNow(),
}, (t) => [index("sync_run_errors_run_idx").on(t.runId, t.id)]);

/**
 * Both sides of a record that changed in the app and at the provider since the last sync, the
 * policy that applied, and how it was resolved (`resolvedBy` null = waiting for a person: "ask").
 */
export const syncConflicts = pgTable("sync_conflicts", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  organisationId: orgId(), connectionId: connectionId(),
  entity: text("entity").notNull(),
  localId: text("local_id").notNull(),
  externalId: text("external_id").notNull(),
  localVersion: jsonb("local_version").notNull(),
  remoteVersion: jsonb("remote_version").notNull(),
  policy: syncConflictPolicyEnum("policy").notNull(),
  /** `policy` when decided automatically, the user id when a person chose; null while open. */
  resolvedBy: text("resolved_by"),
  /** Which side won: "app" or "provider"; null while open. */
  resolution: text("resolution"),
  runId: text("run_id"),
  createdAt: at("created_at").notNull().defaultNow(),
  resolvedAt: at("resolved_at"),
}, (t) => [index("sync_conflicts_connection_idx").on(t.connectionId, t.resolvedAt, t.createdAt)]);
