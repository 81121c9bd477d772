import type { Credentials } from "@/integrations/hook-types";
import type { Tenant } from "@/lib/auth/tenant";
import { audit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnection, incrementRefreshFailures, lockConnection, updateConnection, type ConnectionRow } from "@/lib/db/queries/connections";
import { openCredentials, sealCredentials } from "./credentials";
import { IntegrationError, isIntegrationError } from "./errors";
import { providerOrThrow } from "./provider";
import { refreshTokens } from "./token-client";

/** Refresh when less than this is left, so a token never expires in the middle of a sync page. */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;
/** Consecutive refresh failures (other than invalid_grant) before the connection needs reauth. */
export const MAX_REFRESH_FAILURES = 3;

type OAuthCreds = Extract<Credentials, { kind: "oauth2" }>;

// The row's expires_at is the source of truth (kept outside the envelope so it can be queried).
const fresh = (expiresAt: Date | null, now = Date.now()) => !expiresAt || expiresAt.getTime() - now > REFRESH_AHEAD_MS;

// Concurrent callers in this process share one refresh; the row lock below covers other
// processes. Keyed per database handle too, so two handles behave like two processes (tests).
const inflightByDb = new WeakMap<Db, Map<string, Promise<OAuthCreds>>>();

function usableRow(row: ConnectionRow | undefined): asserts row is ConnectionRow & { credentials: string } {
  if (!row || row.status === "disconnected" || row.status === "pending" || !row.credentials) throw new IntegrationError("NOT_CONNECTED");
  if (row.status === "needs_reauth") throw new IntegrationError("NEEDS_REAUTH");
}

/**
 * Refreshes under `SELECT … FOR UPDATE` on the connection row: whoever gets the lock second
 * re-reads and finds the first one's new token. The rotated refresh token and the new expiry are
 * written in the same transaction as the lock, so no caller ever sees a half-rotated grant.
 * Failures are recorded (and the transaction committed) before the error is thrown.
 */
async function refreshLocked(db: Db, connectionId: string, rejectedToken: string | undefined): Promise<OAuthCreds> {
  const result = await db.transaction(async (tx) => {
    const row = await lockConnection(tx, connectionId);
    usableRow(row);
    const creds = openCredentials(row.id, row.credentials);
    if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_INPUT", { providerMessage: "This connection has no OAuth tokens." });
    // Someone else refreshed while we waited for the lock: use their token. After a 401 the
    // stored token is only good if it is not the one the provider just rejected.
    const stillGood = rejectedToken ? creds.accessToken !== rejectedToken : fresh(row.expiresAt);
    if (stillGood) return { ok: true as const, creds };
    if (!creds.refreshToken) {
      await updateConnection(tx, row.id, { status: "needs_reauth", lastError: new IntegrationError("NEEDS_REAUTH").message, lastErrorAt: new Date() });
      await audit(tx, { organisationId: row.organisationId, actorUserId: null, action: "connection.needs_reauth", provider: row.provider, details: { reason: "no_refresh_token" } });
      return { ok: false as const, error: new IntegrationError("NEEDS_REAUTH", { providerCode: "no_refresh_token" }) };
    }
    const { manifest, endpoints } = providerOrThrow(row.provider);
    try {
      const { credentials, scopes } = await refreshTokens(manifest, endpoints, creds.refreshToken);
      await updateConnection(tx, row.id, {
        credentials: sealCredentials(row.id, credentials),
        expiresAt: credentials.expiresAt ? new Date(credentials.expiresAt) : null,
        scopes: scopes.length ? scopes : row.scopes,
        status: "connected",
        refreshFailures: 0,
        lastError: null,
        lastErrorAt: null,
      });
      return { ok: true as const, creds: credentials };
    } catch (err) {
      const e = isIntegrationError(err) ? err : new IntegrationError("PROVIDER_ERROR", { cause: err });
      // invalid_grant: the grant is gone (revoked, expired, rotated elsewhere); retrying cannot help.
      const failures = await incrementRefreshFailures(tx, row.id, e.message);
      const dead = e.code === "NEEDS_REAUTH" || failures >= MAX_REFRESH_FAILURES;
      await audit(tx, {
        organisationId: row.organisationId, actorUserId: null, action: "connection.refresh_failed", provider: row.provider,
        details: { code: e.code, providerCode: e.providerCode ?? null, failures },
      });
      if (dead) {
        await updateConnection(tx, row.id, { status: "needs_reauth" });
        await audit(tx, {
          organisationId: row.organisationId, actorUserId: null, action: "connection.needs_reauth", provider: row.provider,
          details: { reason: e.code === "NEEDS_REAUTH" ? (e.providerCode ?? "invalid_grant") : "repeated_refresh_failures", failures },
        });
        return { ok: false as const, error: new IntegrationError("NEEDS_REAUTH", { providerCode: e.providerCode, cause: e }) };
      }
      return { ok: false as const, error: e };
    }
  });
  if (!result.ok) throw result.error;
  return result.creds;
}

/**
 * Refreshes the connection's tokens (single-flight). Pass `rejectedToken` after a provider
 * answered 401 to it: the refresh then happens even if the token looked unexpired.
 */
export function refreshConnection(db: Db, connectionId: string, opts: { rejectedToken?: string } = {}): Promise<OAuthCreds> {
  let inflight = inflightByDb.get(db);
  if (!inflight) inflightByDb.set(db, (inflight = new Map()));
  const running = inflight.get(connectionId);
  if (running) return running;
  const p = refreshLocked(db, connectionId, opts.rejectedToken).finally(() => inflight.delete(connectionId));
  inflight.set(connectionId, p);
  return p;
}

/**
 * The access token sync code calls with: the stored one while it has more than five minutes
 * left, else a refreshed one. Throws NOT_CONNECTED / NEEDS_REAUTH when there is nothing to use.
 */
export async function getAccessToken(db: Db, tenant: Pick<Tenant, "organisationId">, provider: string): Promise<string> {
  const row = await findConnection(db, tenant, provider);
  usableRow(row);
  const creds = openCredentials(row.id, row.credentials);
  if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_INPUT", { providerMessage: "This connection uses an API key, not OAuth tokens." });
  if (fresh(row.expiresAt)) return creds.accessToken;
  return (await refreshConnection(db, row.id)).accessToken;
}

/** The decrypted credentials of a usable connection, for SDK clients (Stripe key, SMTP login). */
export async function getCredentials(db: Db, tenant: Pick<Tenant, "organisationId">, provider: string): Promise<{ connection: ConnectionRow; credentials: Credentials }> {
  const row = await findConnection(db, tenant, provider);
  usableRow(row);
  let credentials = openCredentials(row.id, row.credentials);
  if (credentials.kind === "oauth2" && !fresh(row.expiresAt)) credentials = await refreshConnection(db, row.id);
  return { connection: row, credentials };
}
