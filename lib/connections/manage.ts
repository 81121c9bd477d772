import { z } from "zod";
import { requireActorRole, type AccessContext } from "@/lib/auth/access";
import { auditManyAs } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import {
  countConnections, findConnectionById, findProviderConnection, listConnectionRows, listGrantConnections, setDefaultConnection,
  updateConnection, type ConnectionPatch,
} from "@/lib/db/queries/connections";
import { IntegrationError } from "./errors";
import { toConnectionView, type ConnectionView } from "./view";

/** Connection settings: flat values only; providers' own settings schemas narrow this later. */
export const settingsSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((s) => Object.keys(s).length <= 50, "too many settings");

/** What PATCH /api/connections/{id} accepts: any of settings, a display name, becoming the default. */
export const connectionPatchSchema = z.object({
  settings: settingsSchema.optional(),
  displayName: z.string().trim().min(1, "displayName must not be empty").max(100, "displayName is at most 100 characters").nullable().optional(),
  isDefault: z.literal(true).optional(),
}).strict();

/**
 * Changes one connection (owner/admin): merges settings, renames it, or makes it the provider's
 * default, in one short transaction; audited with the names of what changed.
 */
export async function updateConnectionDetails(db: Db, ctx: AccessContext, connectionId: string, input: unknown): Promise<ConnectionView> {
  requireActorRole(ctx, "admin");
  const change = connectionPatchSchema.parse(input);
  const saved = await db.transaction(async (tx) => {
    const row = await findConnectionById(tx, ctx, connectionId);
    if (!row || row.status === "disconnected" || row.status === "pending") throw new IntegrationError("NOT_CONNECTED");
    const patch: ConnectionPatch = {};
    const entries: Parameters<typeof auditManyAs>[2] = [];
    const base = { provider: row.provider, connectionId: row.id };
    if (change.settings) {
      const before = (row.settings ?? {}) as Record<string, unknown>;
      const changed = Object.keys(change.settings).filter((k) => before[k] !== change.settings![k]);
      patch.settings = { ...before, ...change.settings };
      if (changed.length) entries.push({ ...base, action: "connection.settings_changed", details: { changed } });
    }
    if (change.displayName !== undefined && change.displayName !== row.displayName) {
      patch.displayName = change.displayName;
      entries.push({ ...base, action: "connection.renamed", details: { name: change.displayName } });
    }
    let updated = Object.keys(patch).length ? await updateConnection(tx, ctx, row.id, patch) : row;
    if (change.isDefault && !row.isDefault) {
      updated = await setDefaultConnection(tx, ctx, row.provider, row.id);
      entries.push({ ...base, action: "connection.made_default", details: {} });
    }
    await auditManyAs(tx, ctx, entries);
    return updated;
  });
  return toConnectionView(saved);
}

/** Settings of the provider's default connection (the provider-level PATCH route). */
export async function updateSettings(db: Db, ctx: AccessContext, provider: string, input: unknown): Promise<ConnectionView> {
  const row = await findProviderConnection(db, ctx, provider);
  if (!row || row.status === "disconnected") throw new IntegrationError("NOT_CONNECTED");
  return updateConnectionDetails(db, ctx, row.id, { settings: input });
}

/** The id of the connection provider-level routes act on (the default), or NOT_CONNECTED. */
export async function defaultConnectionId(db: Db, ctx: AccessContext, provider: string): Promise<string> {
  const row = await findProviderConnection(db, ctx, provider);
  if (!row || row.status === "disconnected") throw new IntegrationError("NOT_CONNECTED");
  return row.id;
}

/** One connection as the API shows it; NOT_CONNECTED for an id of another organisation. */
export async function getConnection(db: Db, ctx: AccessContext, connectionId: string): Promise<ConnectionView> {
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row) throw new IntegrationError("NOT_CONNECTED");
  return toConnectionView(row);
}

/** A page of the organisation's connections (live ones; disconnected when asked). */
export async function listConnections(
  db: Db,
  ctx: AccessContext,
  opts: { provider?: string; includeDisconnected?: boolean; limit: number; offset: number },
): Promise<{ connections: ConnectionView[]; total: number; limit: number; offset: number }> {
  const [rows, total] = await Promise.all([listConnectionRows(db, ctx, opts), countConnections(db, ctx, opts)]);
  return { connections: rows.map(toConnectionView), total, limit: opts.limit, offset: opts.offset };
}

/**
 * One connection for its page: the view, and whether other live connections share its OAuth
 * grant (disconnecting it then keeps the grant). Undefined for an id outside the organisation
 * or of another provider.
 */
export async function connectionForPage(db: Db, ctx: AccessContext, provider: string, connectionId: string): Promise<{ connection: ConnectionView; sharesGrant: boolean } | undefined> {
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.provider !== provider) return undefined;
  const siblings = row.grantId && row.status !== "disconnected" ? (await listGrantConnections(db, ctx, row.grantId)).filter((r) => r.id !== row.id) : [];
  return { connection: toConnectionView(row), sharesGrant: siblings.length > 0 };
}
