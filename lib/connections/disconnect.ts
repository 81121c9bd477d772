import { requireRole, type Tenant } from "@/lib/auth/tenant";
import { audit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnection, updateConnection } from "@/lib/db/queries/connections";
import { openCredentials } from "./credentials";
import { IntegrationError, isIntegrationError } from "./errors";
import { providerOrThrow } from "./provider";
import { revokeRfc7009 } from "./token-client";

/**
 * Disconnects: revokes the grant at the provider (its revoke hook, else RFC 7009 at revokeUrl),
 * then erases the stored credentials and marks the row disconnected. A provider that cannot be
 * reached does not keep the credentials alive here; the audit entry records that revocation failed.
 */
export async function disconnect(db: Db, tenant: Tenant, provider: string): Promise<{ revoked: boolean; revokeError?: string }> {
  requireRole(tenant, "admin");
  const { manifest, endpoints, hooks } = providerOrThrow(provider);
  const row = await findConnection(db, tenant, provider);
  if (!row || row.status === "disconnected") throw new IntegrationError("NOT_CONNECTED");
  let revoked = false;
  let revokeError: string | undefined;
  if (row.credentials && manifest.authMode === "oauth2") {
    try {
      const creds = openCredentials(row.id, row.credentials);
      if (hooks.revoke) await hooks.revoke({ endpoints }, creds);
      else await revokeRfc7009(manifest, endpoints, creds);
      revoked = Boolean(hooks.revoke || endpoints.revokeUrl);
    } catch (err) {
      revokeError = isIntegrationError(err) ? err.code : "PROVIDER_ERROR";
    }
  }
  await updateConnection(db, row.id, {
    status: "disconnected",
    credentials: null,
    expiresAt: null,
    refreshFailures: 0,
    lastError: null,
    lastErrorAt: null,
    lastHealthOk: null,
  });
  await audit(db, {
    organisationId: tenant.organisationId, actorUserId: tenant.userId, action: "connection.disconnected", provider,
    details: { revoked, revokeError: revokeError ?? null, account: row.externalAccountName },
  });
  return { revoked, ...(revokeError ? { revokeError } : {}) };
}
