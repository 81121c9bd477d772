import type { Credentials } from "@/integrations/hook-types";
import { requireRole, type Tenant } from "@/lib/auth/tenant";
import { audit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnection, listConnectedForHealth, updateConnection, type ConnectionRow } from "@/lib/db/queries/connections";
import { IntegrationError, isIntegrationError } from "./errors";
import { providerOrThrow } from "./provider";
import { refreshConnection, getCredentials } from "./refresh";
import { toConnectionView, type ConnectionView } from "./view";

/** The result of one health check, as the API reports it. */
export interface HealthResult {
  ok: boolean;
  checkedAt: string;
  error?: ReturnType<IntegrationError["toJSON"]>;
  connection: ConnectionView;
}

async function runCheck(db: Db, row: ConnectionRow): Promise<void> {
  const { hooks, endpoints } = providerOrThrow(row.provider);
  const { credentials } = await getCredentials(db, row, row.provider);
  const account = { externalAccountId: row.externalAccountId };
  const check = async (creds: Credentials) => {
    if (hooks.healthCheck) return hooks.healthCheck({ endpoints }, creds, account);
    // webhook_url providers have no cheap read call: re-send the verification ping.
    if (hooks.verifyCredentials && creds.kind === "fields") return void (await hooks.verifyCredentials({ endpoints }, creds.fields));
    throw new IntegrationError("NOT_AVAILABLE");
  };
  try {
    await check(credentials);
  } catch (err) {
    // A 401 on an unexpired token: the provider revoked or rotated it; refresh once and retry.
    if (!(isIntegrationError(err) && err.code === "AUTH_EXPIRED" && credentials.kind === "oauth2")) throw err;
    await check(await refreshConnection(db, row.id, { rejectedToken: credentials.accessToken }));
  }
}

async function checkAndRecord(db: Db, row: ConnectionRow): Promise<{ ok: boolean; error?: IntegrationError; row: ConnectionRow }> {
  let error: IntegrationError | undefined;
  try {
    await runCheck(db, row);
  } catch (err) {
    error = isIntegrationError(err) ? err : new IntegrationError("PROVIDER_ERROR", { cause: err });
  }
  const now = new Date();
  const current = (await findConnection(db, row, row.provider)) ?? row;
  const saved = await updateConnection(db, row.id, {
    lastHealthCheckAt: now,
    lastHealthOk: error ? 0 : 1,
    ...(error ? { lastError: error.message, lastErrorAt: now } : { lastError: null }),
    // A health check that proves the grant is gone moves the connection to needs_reauth.
    ...(error?.code === "NEEDS_REAUTH" && current.status === "connected" ? { status: "needs_reauth" as const } : {}),
  });
  if (error?.code === "NEEDS_REAUTH" && current.status === "connected") {
    await audit(db, { organisationId: row.organisationId, actorUserId: null, action: "connection.needs_reauth", provider: row.provider, details: { reason: error.providerCode ?? "health_check" } });
  }
  return { ok: !error, error, row: saved };
}

/** "Test connection": a cheap live call at the provider, recorded on the row and audited. */
export async function testConnection(db: Db, tenant: Tenant, provider: string): Promise<HealthResult> {
  requireRole(tenant, "admin");
  providerOrThrow(provider);
  const row = await findConnection(db, tenant, provider);
  if (!row || row.status === "disconnected" || !row.credentials) throw new IntegrationError("NOT_CONNECTED");
  const { ok, error, row: saved } = await checkAndRecord(db, row);
  await audit(db, {
    organisationId: tenant.organisationId, actorUserId: tenant.userId, action: "connection.tested", provider,
    details: { ok, code: error?.code ?? null },
  });
  return { ok, checkedAt: saved.lastHealthCheckAt!.toISOString(), ...(error ? { error: error.toJSON() } : {}), connection: toConnectionView(saved) };
}

/**
 * The scheduled health check: every connected connection, oldest check first. Failures are
 * recorded per row; one provider being down never stops the others.
 */
export async function runHealthChecks(db: Db, opts: { limit?: number } = {}): Promise<{ checked: number; failed: number }> {
  const rows = await listConnectedForHealth(db, opts.limit ?? 200);
  let failed = 0;
  for (const row of rows) {
    const { ok } = await checkAndRecord(db, row).catch(() => ({ ok: false }));
    if (!ok) failed += 1;
  }
  return { checked: rows.length, failed };
}
