import { and, asc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { connections, oauthStates } from "@/drizzle/schema";
import { scoped, type Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { connectionSettingsSchema, safeLastError } from "@/lib/security/plaintext-columns";

/** A connection row as stored (credentials still encrypted). Never send this to a client. */
export type ConnectionRow = typeof connections.$inferSelect;
export type ConnectionStatus = ConnectionRow["status"];
export type OAuthStateRow = typeof oauthStates.$inferSelect;

export async function findConnection(db: DbOrTx, tenant: Pick<Tenant, "organisationId">, provider: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(connections).where(scoped(connections, tenant, eq(connections.provider, provider)));
  return row;
}

export async function listConnectionRows(db: DbOrTx, tenant: Pick<Tenant, "organisationId">): Promise<ConnectionRow[]> {
  return db.select().from(connections).where(scoped(connections, tenant)).orderBy(asc(connections.provider));
}

/**
 * Locks the connection row for the rest of the transaction (`SELECT … FOR UPDATE`), so one
 * refresh or rotation at a time touches it, across every process sharing the database.
 */
export async function lockConnection(tx: DbOrTx, id: string): Promise<ConnectionRow | undefined> {
  const [row] = await tx.select().from(connections).where(eq(connections.id, id)).for("update");
  return row;
}

export async function insertConnection(db: DbOrTx, values: typeof connections.$inferInsert): Promise<ConnectionRow> {
  const safe = { ...values, settings: connectionSettingsSchema.parse(values.settings ?? {}), lastError: safeLastError(values.lastError) };
  const [row] = await db.insert(connections).values(safe).returning();
  return row!;
}

export async function updateConnection(
  db: DbOrTx,
  id: string,
  patch: Partial<Omit<typeof connections.$inferInsert, "id" | "organisationId" | "provider">>,
): Promise<ConnectionRow> {
  // settings and last_error are plaintext columns: refuse secrets in one, redact the other.
  const safe = {
    ...patch,
    ...(patch.settings !== undefined ? { settings: connectionSettingsSchema.parse(patch.settings) } : {}),
    ...(patch.lastError !== undefined ? { lastError: safeLastError(patch.lastError) } : {}),
  };
  const [row] = await db.update(connections).set({ ...safe, updatedAt: new Date() }).where(eq(connections.id, id)).returning();
  return row!;
}

/** Bumps the refresh failure counter atomically and returns the new count. */
export async function incrementRefreshFailures(db: DbOrTx, id: string, error: string): Promise<number> {
  const [row] = await db
    .update(connections)
    .set({ refreshFailures: sql`${connections.refreshFailures} + 1`, lastError: safeLastError(error), lastErrorAt: new Date(), updatedAt: new Date() })
    .where(eq(connections.id, id))
    .returning({ n: connections.refreshFailures });
  return row?.n ?? 0;
}

/** Every connection the scheduled health check should test, across organisations (system job). */
export async function listConnectedForHealth(db: DbOrTx, limit = 500): Promise<ConnectionRow[]> {
  return db.select().from(connections).where(eq(connections.status, "connected")).orderBy(asc(connections.lastHealthCheckAt)).limit(limit);
}

/** A batch of connections holding credentials, ordered by id, after `afterId` (key rotation). */
/**
 * The next batch of connections holding credentials, after `afterId` in id order, locked
 * (`FOR UPDATE`) for the rest of the transaction so a concurrent refresh waits for the rotation.
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

/** Writes new envelopes for many rows in one UPDATE … FROM (VALUES …). */
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
