import { pacerFor } from "@/lib/providers/pacer";
import { and, desc, eq } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { Credentials } from "@/integrations/hook-types";
import { jobContext, requireActorRole, type AccessContext } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import { audit, auditAs } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnectionById, listConnectedForHealth, updateConnection, type ConnectionRow } from "@/lib/db/queries/connections";
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

/** The job name the scheduled check acts as, per connection's organisation. */
export const HEALTH_CHECK_JOB = "connections.health-check";

async function runCheck(db: Db, ctx: AccessContext, row: ConnectionRow): Promise<void> {
  const { hooks, endpoints } = providerOrThrow(row.provider);
  const { credentials } = await getCredentials(db, ctx, row.id);
  const account = { externalAccountId: row.externalAccountId };
  const check = async (creds: Credentials) => {
    if (hooks.healthCheck) return hooks.healthCheck({ endpoints, pacer: pacerFor(db) }, creds, account);
    // webhook_url providers have no cheap read call: re-send the verification ping.
    if (hooks.verifyCredentials && creds.kind === "fields") return void (await hooks.verifyCredentials({ endpoints }, creds.fields));
    throw new IntegrationError("NOT_AVAILABLE");
  };
  try {
    await check(credentials);
  } catch (err) {
    // A 401 on an unexpired token: the provider revoked or rotated it; refresh once and retry.
    if (!(isIntegrationError(err) && err.code === "AUTH_EXPIRED" && credentials.kind === "oauth2")) throw err;
    await check(await refreshConnection(db, ctx, row.id, { rejectedToken: credentials.accessToken }));
  }
}

/** Runs the check (provider calls, no transaction), then records the result in one short transaction. */
async function checkAndRecord(db: Db, ctx: AccessContext, row: ConnectionRow): Promise<{ ok: boolean; error?: IntegrationError; row: ConnectionRow }> {
  let error: IntegrationError | undefined;
  try {
    await runCheck(db, ctx, row);
  } catch (err) {
    error = isIntegrationError(err) ? err : new IntegrationError("PROVIDER_ERROR", { cause: err });
  }
  const now = new Date();
  const saved = await db.transaction(async (tx) => {
    const current = (await findConnectionById(tx, ctx, row.id)) ?? row;
    const lost = error?.code === "NEEDS_REAUTH" && current.status === "connected";
    const updated = await updateConnection(tx, ctx, row.id, {
      lastHealthCheckAt: now,
      lastHealthOk: error ? 0 : 1,
      ...(error ? { lastError: error.message, lastErrorAt: now } : { lastError: null }),
      // A health check that proves the grant is gone moves the connection to needs_reauth.
      ...(lost ? { status: "needs_reauth" as const } : {}),
    });
    if (lost) {
      await audit(tx, { organisationId: ctx.organisationId, actorUserId: null, action: "connection.needs_reauth", provider: row.provider, connectionId: row.id, details: { reason: error!.providerCode ?? "health_check" } });
    }
    return updated;
  });
  return { ok: !error, error, row: saved };
}

/** "Test connection": a cheap live call at the provider, recorded on the row and audited. */
export async function testConnection(db: Db, ctx: AccessContext, connectionId: string): Promise<HealthResult> {
  requireActorRole(ctx, "admin");
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.status === "disconnected" || row.status === "pending" || !row.credentials) throw new IntegrationError("NOT_CONNECTED");
  providerOrThrow(row.provider);
  const { ok, error, row: saved } = await checkAndRecord(db, ctx, row);
  await auditAs(db, ctx, { action: "connection.tested", provider: row.provider, connectionId: row.id, details: { ok, code: error?.code ?? null } });
  return { ok, checkedAt: saved.lastHealthCheckAt!.toISOString(), ...(error ? { error: error.toJSON() } : {}), connection: toConnectionView(saved) };
}

/**
 * The scheduled health check: every connected connection, oldest check first, each checked as the
 * job acting for that connection's organisation. Failures are recorded per row; one provider
 * being down never stops the others.
 */
export async function runHealthChecks(db: Db, opts: { limit?: number } = {}): Promise<{ checked: number; failed: number }> {
  const rows = await listConnectedForHealth(db, opts.limit ?? 200);
  let failed = 0;
  for (const row of rows) {
    const ctx = jobContext(row.organisationId, HEALTH_CHECK_JOB);
    const { ok } = await checkAndRecord(db, ctx, row).catch(() => ({ ok: false }));
    if (!ok) failed += 1;
  }
  return { checked: rows.length, failed };
}

/**
 * When a connection was last connected or reconnected. Reconnecting the same provider account
 * updates its row (created_at stays the first connect), so this is the newest
 * `connection.connected` entry of its audit log; null when there is none.
 */
export async function lastConnectedAt(db: Db, ctx: Pick<AccessContext, "organisationId">, connectionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: auditLog.createdAt })
    .from(auditLog)
    .where(scoped(auditLog, ctx, and(eq(auditLog.connectionId, connectionId), eq(auditLog.action, "connection.connected"))))
    .orderBy(desc(auditLog.createdAt))
    .limit(1);
  return row?.at ?? null;
}
