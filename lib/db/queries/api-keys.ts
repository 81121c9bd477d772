import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { apiKeys, memberships } from "@/drizzle/schema";
import { scoped } from "@/lib/auth/tenant";
import type { QueryScope } from "@/lib/auth/access";
import type { Page } from "@/lib/accounting/schemas";
import type { DbOrTx } from "@/lib/db/client";
import { countWhere } from "./pagination";

/** The roles a key may carry: never owner. */
export type ApiKeyRole = "member" | "admin";

/** An API key as lists show it: never the secret or its hash. */
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(
  db: DbOrTx,
  ctx: QueryScope,
  values: { name: string; prefix: string; secretHash: string; role: ApiKeyRole; createdBy: string; expiresAt: Date | null },
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values({ ...values, organisationId: ctx.organisationId }).returning(publicColumns);
  return row!;
}

/** The organisation's keys, newest first (revoked ones too, so the list tells what happened). */
export async function selectApiKeys(db: DbOrTx, ctx: QueryScope, page: { limit: number; offset: number }): Promise<Page<ApiKeyRow>> {
  const where = scoped(apiKeys, ctx);
  const [rows, total] = await Promise.all([
    db.select(publicColumns).from(apiKeys).where(where).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)).limit(page.limit).offset(page.offset),
    countWhere(db, apiKeys, where),
  ]);
  return { rows, total, limit: page.limit, offset: page.offset };
}

/** Sets revoked_at on a live key of the organisation; undefined when there is none by that id. */
export async function markApiKeyRevoked(db: DbOrTx, ctx: QueryScope, id: string, now: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db.update(apiKeys).set({ revokedAt: now }).where(scoped(apiKeys, ctx, eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning(publicColumns);
  return row;
}

export async function selectApiKey(db: DbOrTx, ctx: QueryScope, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select(publicColumns).from(apiKeys).where(scoped(apiKeys, ctx, eq(apiKeys.id, id)));
  return row;
}

/** A key by the hash of its secret, with its creator's current role in the organisation (null once they left). */
export async function findApiKeyByHash(db: DbOrTx, secretHash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      organisationId: apiKeys.organisationId,
      role: apiKeys.role,
      lastUsedAt: apiKeys.lastUsedAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      creatorRole: memberships.role,
    })
    .from(apiKeys)
    .leftJoin(memberships, and(eq(memberships.organisationId, apiKeys.organisationId), eq(memberships.userId, apiKeys.createdBy)))
    .where(eq(apiKeys.secretHash, secretHash));
  return row;
}

/** Records use, unless another request already did within `staleBefore` (one write a minute at most). */
export async function touchApiKey(db: DbOrTx, id: string, now: Date, staleBefore: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}
