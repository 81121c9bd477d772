import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { connectionLeases, connections, oauthStates } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { connectionSettingsSchema, safeLastError } from "@/lib/security/plaintext-columns";

/** The plaintext columns of a write, checked: settings refuse secrets, last_error is redacted. */
function plaintextSafe(values: { settings?: unknown; lastError?: string | null }): { settings?: Record<string, unknown>; lastError?: string | null } {
  return {
    ...(values.settings !== undefined ? { settings: connectionSettingsSchema.parse(values.settings) } : {}),
    ...(values.lastError !== undefined ? { lastError: safeLastError(values.lastError) } : {}),
  };
}

/** A connection row as stored (credentials still encrypted). Never send this to a client. */
export type ConnectionRow = typeof connections.$inferSelect;
export type ConnectionStatus = ConnectionRow["status"];
export type OAuthStateRow = typeof oauthStates.$inferSelect;
/** What may be written on a connection: never its id, organisation or provider. */
export type ConnectionPatch = Partial<Omit<typeof connections.$inferInsert, "id" | "organisationId" | "provider">>;

// Every helper below that takes an id also takes the AccessContext and filters by its
// organisation: an id of another organisation's row reads as "not found" and writes nothing.

/** One connection by id, in the context's organisation. */
export async function findConnectionById(db: DbOrTx, ctx: AccessContext, id: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(connections).where(scoped(connections, ctx, eq(connections.id, id)));
  return row;
}

/** Several connections by id, in the context's organisation (ids of other organisations are skipped). */
export async function findConnectionsByIds(db: DbOrTx, ctx: AccessContext, ids: string[]): Promise<ConnectionRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(connections).where(scoped(connections, ctx, inArray(connections.id, ids)));
}

/**
 * The connection provider-level routes act on: the default, else the newest live (pending
 * included), else the newest disconnected one (so the page can say it was disconnected).
 */
export async function findProviderConnection(db: DbOrTx, ctx: AccessContext, provider: string): Promise<ConnectionRow | undefined> {
  const [row] = await db
    .select()
    .from(connections)
    .where(scoped(connections, ctx, eq(connections.provider, provider)))
    .orderBy(desc(connections.isDefault), sql`${connections.status} = 'disconnected'`, desc(connections.updatedAt))
    .limit(1);
  return row;
}

/** The connection of one provider account (a Xero tenant, a Stripe account), whatever its status. */
export async function findConnectionByAccount(db: DbOrTx, ctx: AccessContext, provider: string, externalAccountIds: string[]): Promise<ConnectionRow[]> {
  if (externalAccountIds.length === 0) return [];
  return db
    .select()
    .from(connections)
    .where(scoped(connections, ctx, eq(connections.provider, provider), inArray(connections.externalAccountId, externalAccountIds)));
}

/** The organisation's connections, optionally of one provider; `disconnected` ones only when asked. */
export async function listConnectionRows(
  db: DbOrTx,
  ctx: AccessContext,
  opts: { provider?: string; includeDisconnected?: boolean; limit?: number; offset?: number } = {},
): Promise<ConnectionRow[]> {
  return db
    .select()
    .from(connections)
    .where(scoped(
      connections, ctx,
      opts.provider ? eq(connections.provider, opts.provider) : undefined,
      opts.includeDisconnected ? undefined : ne(connections.status, "disconnected"),
    ))
    .orderBy(asc(connections.provider), desc(connections.isDefault), asc(connections.createdAt), asc(connections.id))
    .limit(Math.min(Math.max(opts.limit ?? 500, 1), 500))
    .offset(Math.max(opts.offset ?? 0, 0));
}

/** How many connections `listConnectionRows` would page through. */
export async function countConnections(db: DbOrTx, ctx: AccessContext, opts: { provider?: string; includeDisconnected?: boolean } = {}): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(connections)
    .where(scoped(
      connections, ctx,
      opts.provider ? eq(connections.provider, opts.provider) : undefined,
      opts.includeDisconnected ? undefined : ne(connections.status, "disconnected"),
    ));
  return Number(row?.n ?? 0);
}

/** The live connections sharing one OAuth grant (several Xero tenants of one authorisation). */
export async function listGrantConnections(db: DbOrTx, ctx: AccessContext, grantId: string): Promise<ConnectionRow[]> {
  return db
    .select()
    .from(connections)
    .where(scoped(connections, ctx, eq(connections.grantId, grantId), ne(connections.status, "disconnected")));
}

/**
 * Locks the connection row for the rest of the transaction (`SELECT … FOR UPDATE`). Only for short
 * transactions that make no network call (default changes, reconnects).
 */
export async function lockConnection(tx: DbOrTx, ctx: AccessContext, id: string): Promise<ConnectionRow | undefined> {
  const [row] = await tx.select().from(connections).where(scoped(connections, ctx, eq(connections.id, id))).for("update");
  return row;
}

/** Inserts connections of the context's organisation (one statement for many). */
export async function insertConnections(
  db: DbOrTx,
  ctx: AccessContext,
  values: (Omit<typeof connections.$inferInsert, "organisationId">)[],
): Promise<ConnectionRow[]> {
  if (values.length === 0) return [];
  // settings and last_error are plaintext columns: refuse secrets in one, redact the other.
  return db
    .insert(connections)
    .values(values.map((v) => ({ ...v, ...plaintextSafe(v), organisationId: ctx.organisationId })))
    .returning();
}

/** Updates one connection of the context's organisation; NotFoundError for any other id. */
export async function updateConnection(db: DbOrTx, ctx: AccessContext, id: string, patch: ConnectionPatch): Promise<ConnectionRow> {
  const [row] = await db
    .update(connections)
    .set({ ...patch, ...plaintextSafe(patch), updatedAt: new Date() })
    .where(scoped(connections, ctx, eq(connections.id, id)))
    .returning();
  if (!row) throw new NotFoundError("Connection not found");
  return row;
}

/**
 * Writes one envelope per row and a shared patch (expiry, scopes) on several connections of the
 * context's organisation in one UPDATE (a CASE per id): the refresh of a shared grant.
 */
export async function updateConnectionsWithEnvelopes(
  db: DbOrTx,
  ctx: AccessContext,
  rows: { id: string; envelope: string }[],
  patch: { expiresAt: Date | null; scopes: string[] },
): Promise<string[]> {
  if (rows.length === 0) return [];
  const envelope = sql<string>`case ${sql.join(rows.map((r) => sql`when ${connections.id} = ${r.id} then ${r.envelope}`), sql` `)} end`;
  const updated = await db
    .update(connections)
    .set({
      credentials: envelope, expiresAt: patch.expiresAt, scopes: patch.scopes, status: "connected",
      refreshFailures: 0, lastError: null, lastErrorAt: null, updatedAt: new Date(),
    })
    .where(scoped(connections, ctx, inArray(connections.id, rows.map((r) => r.id)), ne(connections.status, "disconnected")))
    .returning({ id: connections.id });
  return updated.map((r) => r.id);
}

/** Bumps the refresh failure counter atomically and returns the new count (0: no such row here). */
export async function incrementRefreshFailures(db: DbOrTx, ctx: AccessContext, id: string, error: string): Promise<number> {
  const [row] = await db
    .update(connections)
    .set({ refreshFailures: sql`${connections.refreshFailures} + 1`, lastError: safeLastError(error), lastErrorAt: new Date(), updatedAt: new Date() })
    .where(scoped(connections, ctx, eq(connections.id, id)))
    .returning({ n: connections.refreshFailures });
  return row?.n ?? 0;
}

/**
 * Makes `id` the provider's default in the context's organisation: clears the old default first
 * (the partial unique index allows one), then sets this one. Call inside a transaction.
 */
export async function setDefaultConnection(tx: DbOrTx, ctx: AccessContext, provider: string, id: string): Promise<ConnectionRow> {
  await tx
    .update(connections)
    .set({ isDefault: false })
    .where(scoped(connections, ctx, eq(connections.provider, provider), eq(connections.isDefault, true), ne(connections.id, id)));
  const [row] = await tx
    .update(connections)
    .set({ isDefault: true, updatedAt: new Date() })
    .where(scoped(connections, ctx, eq(connections.id, id), eq(connections.provider, provider)))
    .returning();
  if (!row) throw new NotFoundError("Connection not found");
  return row;
}

/**
 * When the provider has no default (it was disconnected), the oldest connected one becomes it.
 * One statement; the partial unique index makes a racing second promotion fail, not double up.
 */
export async function promoteDefaultIfMissing(db: DbOrTx, ctx: AccessContext, provider: string): Promise<void> {
  await db.execute(sql`
    update connections set is_default = true, updated_at = now()
    where id = (
      select id from connections
      where organisation_id = ${ctx.organisationId} and provider = ${provider} and status <> 'disconnected' and status <> 'pending'
      order by (status = 'connected') desc, created_at asc limit 1)
    and not exists (
      select 1 from connections where organisation_id = ${ctx.organisationId} and provider = ${provider} and is_default)`);
}

/** Deletes pending (account-choice) rows of a provider in the context's organisation. */
export async function deletePendingConnections(db: DbOrTx, ctx: AccessContext, provider: string, ids?: string[]): Promise<void> {
  await db.delete(connections).where(scoped(
    connections, ctx, eq(connections.provider, provider), eq(connections.status, "pending"),
    ids ? inArray(connections.id, ids) : undefined,
  ));
}

/** Every connection the scheduled health check should test, across organisations (system job). */
export async function listConnectedForHealth(db: DbOrTx, limit = 500): Promise<ConnectionRow[]> {
  return db.select().from(connections).where(eq(connections.status, "connected")).orderBy(asc(connections.lastHealthCheckAt)).limit(limit);
}

/**
 * Takes the lease `key` for `ttlMs` in one committed statement: a row is returned only to the
 * caller that inserted it or replaced an expired one. No transaction stays open while it is held.
 */
export async function tryAcquireLease(db: DbOrTx, key: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(Date.now() + ttlMs);
  const rows = await db
    .insert(connectionLeases)
    .values({ key, holder, expiresAt })
    .onConflictDoUpdate({ target: connectionLeases.key, set: { holder, expiresAt }, setWhere: lt(connectionLeases.expiresAt, sql`now()`) })
    .returning({ holder: connectionLeases.holder });
  return rows[0]?.holder === holder;
}

/** Gives a lease back (only its holder can). */
export async function releaseLease(db: DbOrTx, key: string, holder: string): Promise<void> {
  await db.delete(connectionLeases).where(and(eq(connectionLeases.key, key), eq(connectionLeases.holder, holder)));
}

/**
 * The next batch of connections holding credentials, after `afterId` in id order, locked
 * (`FOR UPDATE`) for the rest of the transaction so a concurrent token store waits for the rotation.
 */
export async function lockCredentialBatch(tx: DbOrTx, afterId: string, limit: number): Promise<{ id: string; credentials: string }[]> {
  const rows = await tx
    .select({ id: connections.id, credentials: connections.credentials })
    .from(connections)
    .where(and(isNotNull(connections.credentials), gt(connections.id, afterId)))
    .orderBy(asc(connections.id))
    .limit(limit)
    .for("update");
  return rows.map((r) => ({ id: r.id, credentials: r.credentials! }));
}

/** Writes new envelopes for many rows in one UPDATE … FROM (VALUES …) (key rotation, system-wide). */
export async function setEnvelopes(
  tx: DbOrTx,
  target: "connections" | "oauth_states",
  rows: { id: string; envelope: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.id}, ${r.envelope})`), sql`, `);
  const query = target === "connections"
    ? sql`update connections as t set credentials = v.envelope, updated_at = now() from (values ${values}) as v(id, envelope) where t.id = v.id`
    : sql`update oauth_states as t set code_verifier = v.envelope from (values ${values}) as v(id, envelope) where t.id = v.id`;
  await tx.execute(query);
}

export async function insertOAuthState(db: DbOrTx, values: typeof oauthStates.$inferInsert): Promise<void> {
  await db.insert(oauthStates).values(values);
}

/**
 * Marks a state used, atomically: only one caller can win, and only while it is unused,
 * unexpired and bound to this user, organisation and provider. Returns the row, or undefined.
 */
export async function consumeOAuthState(
  db: DbOrTx,
  id: string,
  binding: { organisationId: string; userId: string; provider: string },
): Promise<OAuthStateRow | undefined> {
  const [row] = await db
    .update(oauthStates)
    .set({ usedAt: sql`now()` })
    .where(and(
      eq(oauthStates.id, id),
      isNull(oauthStates.usedAt),
      gt(oauthStates.expiresAt, sql`now()`),
      eq(oauthStates.organisationId, binding.organisationId),
      eq(oauthStates.userId, binding.userId),
      eq(oauthStates.provider, binding.provider),
    ))
    .returning();
  return row;
}

export async function findOAuthState(db: DbOrTx, id: string): Promise<OAuthStateRow | undefined> {
  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.id, id));
  return row;
}

/** States after `afterId`, for key rotation (long-dead ones are deleted first). */
export async function statesAfter(db: DbOrTx, afterId: string, limit: number): Promise<OAuthStateRow[]> {
  return db
    .select()
    .from(oauthStates)
    .where(gt(oauthStates.id, afterId))
    .orderBy(asc(oauthStates.id))
    .limit(limit);
}

/**
 * Removes states that expired over an hour ago. Recent used/expired rows are kept so a late
 * replay still gets the precise "already used" / "expired" answer.
 */
export async function deleteDeadStates(db: DbOrTx): Promise<number> {
  const rows = await db
    .delete(oauthStates)
    .where(sql`${oauthStates.expiresAt} < now() - interval '1 hour'`)
    .returning({ id: oauthStates.id });
  return rows.length;
}
