import { requireActorRole, type AccessContext } from "@/lib/auth/access";
import { auditAs } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnectionById, listGrantConnections, promoteDefaultIfMissing, updateConnection } from "@/lib/db/queries/connections";
import { openCredentials } from "./credentials";
import { IntegrationError, isIntegrationError } from "./errors";
import { providerOrThrow } from "./provider";
import { revokeRfc7009 } from "./token-client";

/** What a disconnect did at the provider. */
export interface DisconnectResult {
  revoked: boolean;
  revokeError?: string;
  /** Set when the grant was kept because other connections of this organisation still use it. */
  keptSharedGrant?: boolean;
}

/**
 * Disconnects one connection: revokes the grant at the provider (its revoke hook, else RFC 7009 at
 * revokeUrl) — unless other live connections share the grant (several Xero tenants of one
 * authorisation), whose tokens revocation would kill too — then erases the stored credentials and
 * marks the row disconnected. The provider call happens before, outside, the one short transaction
 * that stores the result; an unreachable provider does not keep the credentials alive. If this was
 * the provider's default, the oldest remaining live connection becomes the default.
 */
export async function disconnect(db: Db, ctx: AccessContext, connectionId: string): Promise<DisconnectResult> {
  requireActorRole(ctx, "admin");
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.status === "disconnected") throw new IntegrationError("NOT_CONNECTED");
  const { manifest, endpoints, hooks } = providerOrThrow(row.provider);
  const siblings = row.grantId ? (await listGrantConnections(db, ctx, row.grantId)).filter((r) => r.id !== row.id) : [];
  const keptSharedGrant = siblings.length > 0;
  let revoked = false;
  let revokeError: string | undefined;
  if (row.credentials && manifest.authMode === "oauth2" && !keptSharedGrant) {
    try {
      const creds = openCredentials(row.id, row.credentials);
      if (hooks.revoke) await hooks.revoke({ endpoints }, creds);
      else await revokeRfc7009(manifest, endpoints, creds);
      revoked = Boolean(hooks.revoke || endpoints.revokeUrl);
    } catch (err) {
      revokeError = isIntegrationError(err) ? err.code : "PROVIDER_ERROR";
    }
  }
  await db.transaction(async (tx) => {
    await updateConnection(tx, ctx, row.id, {
      status: "disconnected",
      isDefault: false,
      credentials: null,
      expiresAt: null,
      refreshFailures: 0,
      lastError: null,
      lastErrorAt: null,
      lastHealthOk: null,
    });
    await promoteDefaultIfMissing(tx, ctx, row.provider);
    await auditAs(tx, ctx, {
      action: "connection.disconnected", provider: row.provider, connectionId: row.id,
      details: { revoked, revokeError: revokeError ?? null, account: row.externalAccountName, keptSharedGrant },
    });
  });
  return { revoked, ...(revokeError ? { revokeError } : {}), ...(keptSharedGrant ? { keptSharedGrant } : {}) };
}
