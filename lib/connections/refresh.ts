import { randomUUID } from "node:crypto";
import type { Credentials } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import { audit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import {
  findConnectionById, incrementRefreshFailures, listGrantConnections, releaseLease, tryAcquireLease,
  updateConnection, updateConnectionsWithEnvelopes, type ConnectionRow,
} from "@/lib/db/queries/connections";
import { openCredentials, sealCredentials } from "./credentials";
import { IntegrationError, isIntegrationError } from "./errors";
import { providerOrThrow } from "./provider";
import { refreshTokens } from "./token-client";

/** Refresh when less than this is left, so a token never expires in the middle of a sync page. */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;
/** Consecutive refresh failures (other than invalid_grant) before the connection needs reauth. */
export const MAX_REFRESH_FAILURES = 3;
/** A lease outlives the token call's own 15 s timeout, so it never lapses while its holder calls. */
export const REFRESH_LEASE_MS = 30_000;
/** How long a caller waits for another process's refresh before giving up (bounded). */
const MAX_WAIT_MS = 35_000;

type OAuthCreds = Extract<Credentials, { kind: "oauth2" }>;
type UsableRow = ConnectionRow & { credentials: string };

// The row's expires_at is the source of truth (kept outside the envelope so it can be queried).
const fresh = (expiresAt: Date | null, now = Date.now()) => !expiresAt || expiresAt.getTime() - now > REFRESH_AHEAD_MS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Concurrent callers in this process share one refresh; the lease below covers other processes.
// Keyed per database handle too, so two handles behave like two processes (tests).
const inflightByDb = new WeakMap<Db, Map<string, Promise<OAuthCreds>>>();

function usableRow(row: ConnectionRow | undefined): asserts row is UsableRow {
  if (!row || row.status === "disconnected" || row.status === "pending" || !row.credentials) throw new IntegrationError("NOT_CONNECTED");
  if (row.status === "needs_reauth") throw new IntegrationError("NEEDS_REAUTH");
}

function oauthCreds(row: UsableRow): OAuthCreds {
  const creds = openCredentials(row.id, row.credentials);
  if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_INPUT", { providerMessage: "This connection uses an API key, not OAuth tokens." });
  return creds;
}

/** The stored token when it is still usable: unexpired, and not the one a provider just rejected. */
async function storedIfGood(db: Db, ctx: AccessContext, id: string, rejectedToken: string | undefined) {
  const row = await findConnectionById(db, ctx, id);
  usableRow(row);
  const creds = oauthCreds(row);
  const good = rejectedToken ? creds.accessToken !== rejectedToken : fresh(row.expiresAt);
  return { row, creds, good };
}

/** Records a failed refresh in one short transaction (after the provider call, never around it). */
async function recordFailure(db: Db, ctx: AccessContext, row: UsableRow, e: IntegrationError): Promise<IntegrationError> {
  return db.transaction(async (tx) => {
    // invalid_grant: the grant is gone (revoked, expired, rotated elsewhere); retrying cannot help.
    const failures = await incrementRefreshFailures(tx, ctx, row.id, e.message);
    const dead = e.code === "NEEDS_REAUTH" || failures >= MAX_REFRESH_FAILURES;
    const base = { organisationId: ctx.organisationId, actorUserId: null, provider: row.provider, connectionId: row.id };
    await audit(tx, { ...base, action: "connection.refresh_failed", details: { code: e.code, providerCode: e.providerCode ?? null, failures } });
    if (!dead) return e;
    await updateConnection(tx, ctx, row.id, { status: "needs_reauth" });
    await audit(tx, {
      ...base, action: "connection.needs_reauth",
      details: { reason: e.code === "NEEDS_REAUTH" ? (e.providerCode ?? "invalid_grant") : "repeated_refresh_failures", failures },
    });
    return new IntegrationError("NEEDS_REAUTH", { providerCode: e.providerCode, cause: e });
  });
}

/**
 * Calls the token endpoint (outside any transaction) and stores the rotated grant on every live
 * connection sharing it, in one UPDATE. Only the lease holder gets here.
 */
async function refreshAndStore(db: Db, ctx: AccessContext, row: UsableRow, creds: OAuthCreds): Promise<OAuthCreds> {
  if (!creds.refreshToken) {
    await db.transaction(async (tx) => {
      await updateConnection(tx, ctx, row.id, { status: "needs_reauth", lastError: new IntegrationError("NEEDS_REAUTH").message, lastErrorAt: new Date() });
      await audit(tx, { organisationId: ctx.organisationId, actorUserId: null, action: "connection.needs_reauth", provider: row.provider, connectionId: row.id, details: { reason: "no_refresh_token" } });
    });
    throw new IntegrationError("NEEDS_REAUTH", { providerCode: "no_refresh_token" });
  }
  const { manifest, endpoints } = providerOrThrow(row.provider);
  let refreshed: Awaited<ReturnType<typeof refreshTokens>>;
  try {
    refreshed = await refreshTokens(manifest, endpoints, creds.refreshToken);
  } catch (err) {
    throw await recordFailure(db, ctx, row, isIntegrationError(err) ? err : new IntegrationError("PROVIDER_ERROR", { cause: err }));
  }
  const { credentials, scopes } = refreshed;
  const holders = row.grantId ? await listGrantConnections(db, ctx, row.grantId) : [row];
  await updateConnectionsWithEnvelopes(
    db, ctx,
    holders.map((h) => ({ id: h.id, envelope: sealCredentials(h.id, credentials) })),
    { expiresAt: credentials.expiresAt ? new Date(credentials.expiresAt) : null, scopes: scopes.length ? scopes : row.scopes },
  );
  return credentials;
}

/**
 * Single-flight refresh across processes without a transaction held over the provider call:
 * take a short lease on the grant (one committed statement), re-read, call the token endpoint,
 * store, release. A caller that finds the lease held waits (bounded) and re-reads, so it picks up
 * the holder's new token instead of refreshing a second time.
 */
async function refreshUnderLease(db: Db, ctx: AccessContext, connectionId: string, rejectedToken: string | undefined): Promise<OAuthCreds> {
  const holder = randomUUID();
  const deadline = Date.now() + MAX_WAIT_MS;
  for (let wait = 25; ; wait = Math.min(wait * 2, 250)) {
    const first = await storedIfGood(db, ctx, connectionId, rejectedToken);
    if (first.good) return first.creds;
    const key = `refresh:${first.row.grantId ?? first.row.id}`;
    if (await tryAcquireLease(db, key, holder, REFRESH_LEASE_MS)) {
      try {
        // Someone may have stored a new token between our read and the lease: use theirs.
        const { row, creds, good } = await storedIfGood(db, ctx, connectionId, rejectedToken);
        return good ? creds : await refreshAndStore(db, ctx, row, creds);
      } finally {
        await releaseLease(db, key, holder);
      }
    }
    if (Date.now() > deadline) throw new IntegrationError("PROVIDER_UNREACHABLE", { providerMessage: "Another refresh of this connection did not finish in time." });
    await sleep(wait + Math.random() * wait);
  }
}

/**
 * Refreshes the connection's tokens (single-flight). Pass `rejectedToken` after a provider
 * answered 401 to it: the refresh then happens even if the token looked unexpired.
 */
export function refreshConnection(db: Db, ctx: AccessContext, connectionId: string, opts: { rejectedToken?: string } = {}): Promise<OAuthCreds> {
  let inflight = inflightByDb.get(db);
  if (!inflight) inflightByDb.set(db, (inflight = new Map()));
  const key = `${ctx.organisationId}:${connectionId}`;
  const running = inflight.get(key);
  if (running) return running;
  const p = refreshUnderLease(db, ctx, connectionId, opts.rejectedToken).finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/**
 * The access token sync code calls with: the stored one while it has more than five minutes
 * left, else a refreshed one. Throws NOT_CONNECTED / NEEDS_REAUTH when there is nothing to use.
 */
export async function getAccessToken(db: Db, ctx: AccessContext, connectionId: string): Promise<string> {
  const row = await findConnectionById(db, ctx, connectionId);
  usableRow(row);
  const creds = oauthCreds(row);
  if (fresh(row.expiresAt)) return creds.accessToken;
  return (await refreshConnection(db, ctx, row.id)).accessToken;
}

/** The decrypted credentials of a usable connection, for SDK clients (Stripe key, SMTP login). */
export async function getCredentials(db: Db, ctx: AccessContext, connectionId: string): Promise<{ connection: ConnectionRow; credentials: Credentials }> {
  const row = await findConnectionById(db, ctx, connectionId);
  usableRow(row);
  let credentials = openCredentials(row.id, row.credentials);
  if (credentials.kind === "oauth2" && !fresh(row.expiresAt)) credentials = await refreshConnection(db, ctx, row.id);
  return { connection: row, credentials };
}
