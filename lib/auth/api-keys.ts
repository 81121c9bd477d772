import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { isCleanText, text } from "@/lib/accounting/fields";
import { ApiError } from "@/lib/api/problem";
import { auditAs } from "@/lib/audit";
import type { Db, DbOrTx } from "@/lib/db/client";
import {
  findApiKeyByHash, insertApiKey, markApiKeyRevoked, selectApiKey, selectApiKeys, touchApiKey, type ApiKeyRow,
} from "@/lib/db/queries/api-keys";
import { looksLikeCredential } from "@/lib/security/plaintext-columns";
import { apiKeyContext, requireActorRole, requireUserActor, type AccessContext } from "./access";
import { hasRole, NotFoundError, type Role } from "./tenant";

/** Every key starts with this, so leaked keys are recognisable (log redaction, secret scanners). */
export const API_KEY_PREFIX = "hub_sk_";
const SECRET_LENGTH = 40; // base62 characters: about 238 bits
const SHOWN_LENGTH = API_KEY_PREFIX.length + 6; // what lists show: "hub_sk_Ab12Cd"
const KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${SECRET_LENGTH}}$`);
/** last_used_at is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `n` uniformly random base62 characters (bytes ≥ 248 are dropped so no character is favoured). */
function randomBase62(n: number): string {
  let out = "";
  while (out.length < n) {
    for (const b of randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += BASE62[b % 62];
    }
  }
  return out;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Roles a key may carry: never owner (keys do not manage members or keys). */
export const API_KEY_ROLES = ["member", "admin"] as const;

/** Input of createApiKey (also the API's request body). */
export const apiKeyCreateSchema = z.object({
  name: text("Name", 100).refine((v) => !looksLikeCredential(v), "Name looks like a key or token; give the key a plain name."),
  role: z.enum(API_KEY_ROLES, { error: `Role must be one of ${API_KEY_ROLES.join(", ")}` }).default("member"),
  expiresAt: z.iso
    .datetime({ offset: true, error: "Expiry must be an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z" })
    .refine((v) => Date.parse(v) > Date.now(), "Expiry must be in the future.")
    .refine((v) => Date.parse(v) < Date.now() + 5 * 366 * 24 * 3600_000, "Expiry must be at most 5 years away.")
    .nullish(),
});
export type ApiKeyCreateInput = z.input<typeof apiKeyCreateSchema>;

/**
 * Issues a key for the caller's organisation (a signed-in owner or admin). The secret is in the
 * answer once and never again: only its SHA-256 is stored. The key's role is never above the
 * creator's. The row and its audit entry commit together.
 */
export async function createApiKey(db: Db, ctx: AccessContext, input: ApiKeyCreateInput): Promise<{ key: ApiKeyRow; secret: string }> {
  const userId = requireUserActor(ctx);
  requireActorRole(ctx, "admin");
  const { name, role, expiresAt } = apiKeyCreateSchema.parse(input);
  requireActorRole(ctx, role);
  const secret = `${API_KEY_PREFIX}${randomBase62(SECRET_LENGTH)}`;
  const key = await db.transaction(async (tx) => {
    const row = await insertApiKey(tx, ctx, {
      name, role, prefix: secret.slice(0, SHOWN_LENGTH), secretHash: hashKey(secret), createdBy: userId, expiresAt: expiresAt ? new Date(expiresAt) : null,
    });
    await auditAs(tx, ctx, { action: "api_key.created", details: { keyId: row.id, name, prefix: row.prefix, role } });
    return row;
  });
  return { key, secret };
}

/** The organisation's keys, newest first, without secrets (any member may see the list). */
export function listApiKeys(db: DbOrTx, ctx: AccessContext, page: { limit: number; offset: number }) {
  return selectApiKeys(db, ctx, page);
}

/** Revokes a key of the organisation (owners and admins); it stops working at once. Revoking twice is a no-op. */
export async function revokeApiKey(db: Db, ctx: AccessContext, id: string, now = new Date()): Promise<ApiKeyRow> {
  requireActorRole(ctx, "admin");
  // An id with NUL or a lone surrogate cannot be sent to Postgres; it names no key.
  if (!isCleanText(id)) throw new NotFoundError("API key not found");
  return db.transaction(async (tx) => {
    const revoked = await markApiKeyRevoked(tx, ctx, id, now);
    if (revoked) {
      await auditAs(tx, ctx, { action: "api_key.revoked", details: { keyId: id, name: revoked.name, prefix: revoked.prefix } });
      return revoked;
    }
    const existing = await selectApiKey(tx, ctx, id);
    if (!existing) throw new NotFoundError("API key not found");
    return existing;
  });
}

const invalid = () => new ApiError(401, "invalid_api_key", "The API key is not valid: it is unknown, revoked or expired.");

/**
 * The access context of a request's key: the key's organisation and id, acting with its role
 * (lowered to its creator's current role, so demoting a person demotes their keys). Unknown,
 * revoked, expired keys and keys whose creator left the organisation → 401 `invalid_api_key`,
 * all with the same answer. Records last use at most once a minute. Never logs the key.
 */
export async function authenticateApiKey(db: DbOrTx, key: string, now = new Date()): Promise<AccessContext> {
  if (!KEY_SHAPE.test(key)) throw invalid();
  const row = await findApiKeyByHash(db, hashKey(key));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.creatorRole) throw invalid();
  const role: Role = hasRole({ organisationId: "", userId: "", role: row.creatorRole }, row.role) ? row.role : row.creatorRole;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) await touchApiKey(db, row.id, now, staleBefore);
  return apiKeyContext(row.organisationId, row.id, role);
}

/**
 * The credential of an `Authorization: Bearer …` header ("" when it is malformed), or undefined
 * when the request has no Bearer header. Other schemes are not ours: a site behind HTTP Basic
 * auth gets that header on every browser request, and must still work with its session cookie.
 */
export function bearerKey(req: Request): string | undefined {
  const header = req.headers.get("authorization");
  if (!header || !/^Bearer(\s|$)/i.test(header)) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? "";
}
