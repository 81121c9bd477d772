import { z } from "zod";
import { requireActorRole, requireUserActor, type AccessContext } from "@/lib/auth/access";
import { auditAs } from "@/lib/audit";
import { decrypt, encrypt } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { consumeOAuthState, findOAuthState, insertOAuthState } from "@/lib/db/queries/connections";
import { sealCredentials, sealPending } from "./credentials";
import { IntegrationError } from "./errors";
import { savePending } from "./pending";
import { codeChallenge, randomToken, stateId } from "./pkce";
import { connectableProvider } from "./provider";
import { saveConnections } from "./store";
import { exchangeCode } from "./token-client";
import { toConnectionView, type ConnectionView } from "./view";

/** How long a started OAuth flow stays valid. */
export const STATE_TTL_MS = 10 * 60 * 1000;

/**
 * Starts an OAuth2 authorization-code flow: a single-use state row bound to the user,
 * organisation and provider (10 minutes), a PKCE S256 verifier stored encrypted, and the
 * provider's authorize URL to send the browser to.
 */
export async function startAuthorization(db: Db, ctx: AccessContext, providerId: string, opts: { redirectUri: string }): Promise<{ redirectUrl: string }> {
  requireActorRole(ctx, "admin");
  const userId = requireUserActor(ctx);
  const { manifest, endpoints } = connectableProvider(providerId);
  if (manifest.authMode !== "oauth2" || !manifest.oauth || !endpoints.authorizeUrl || !endpoints.clientId) {
    throw new IntegrationError("INVALID_INPUT", { providerMessage: `${manifest.name} does not connect with OAuth.` });
  }
  const state = randomToken();
  const verifier = randomToken();
  const id = stateId(state);
  await insertOAuthState(db, {
    id,
    organisationId: ctx.organisationId,
    userId,
    provider: manifest.id,
    codeVerifier: encrypt(verifier, id),
    redirectUri: opts.redirectUri,
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
  const url = new URL(endpoints.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", endpoints.clientId);
  url.searchParams.set("redirect_uri", opts.redirectUri);
  if (manifest.oauth.scopes.length) url.searchParams.set("scope", manifest.oauth.scopes.join(manifest.oauth.scopeSeparator));
  url.searchParams.set("state", state);
  if (manifest.oauth.pkce) {
    url.searchParams.set("code_challenge", codeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  for (const [k, v] of Object.entries(manifest.oauth.authorizeParams)) url.searchParams.set(k, v);
  return { redirectUrl: url.toString() };
}

const callbackSchema = z.union([
  z.object({ error: z.string().min(1).max(200), error_description: z.string().max(500).optional(), state: z.string().max(200).optional() }),
  z.object({ code: z.string().min(1).max(4096), state: z.string().min(1).max(200) }),
]);

/** Consumes the state once; tells apart forged, expired and replayed states for the message. */
async function consumeState(db: Db, ctx: AccessContext, provider: string, state: string) {
  const id = stateId(state);
  const userId = requireUserActor(ctx);
  const row = await consumeOAuthState(db, id, { organisationId: ctx.organisationId, userId, provider });
  if (row) return { row, verifier: decrypt(row.codeVerifier, id) };
  const seen = await findOAuthState(db, id);
  const bound = seen && seen.organisationId === ctx.organisationId && seen.userId === userId && seen.provider === provider;
  if (!bound) throw new IntegrationError("STATE_INVALID");
  if (seen.usedAt) throw new IntegrationError("STATE_REPLAYED");
  throw new IntegrationError("STATE_EXPIRED");
}

/**
 * The organisation an OAuth state was issued for (null for an unknown state), so the callback can
 * finish the flow in that organisation even if the user switched organisations meanwhile. The
 * state is not consumed; completeAuthorization still checks user, provider, expiry and reuse.
 */
export async function stateOrganisationId(db: Db, state: string): Promise<string | null> {
  return (await findOAuthState(db, stateId(state)))?.organisationId ?? null;
}

/** Outcome of a callback: connected, or authorised but waiting for the user to pick accounts. */
export type CallbackOutcome =
  | { outcome: "connected"; connection: ConnectionView }
  | { outcome: "choose_account"; accounts: { id: string; name: string }[] };

/**
 * Finishes the flow from the provider's redirect: checks the state, exchanges the code with the
 * verifier, finds the provider account, stores the tokens encrypted. No transaction is open while
 * the provider is called: the state is consumed in its own statement, the code exchanged and the
 * accounts discovered, and only then the connection saved in one short transaction. Several
 * accounts (Xero tenants) are kept as one `pending` row until `chooseAccounts`.
 */
export async function completeAuthorization(db: Db, ctx: AccessContext, providerId: string, query: Record<string, string>): Promise<CallbackOutcome> {
  requireActorRole(ctx, "admin");
  const userId = requireUserActor(ctx);
  const { manifest, endpoints, hooks } = connectableProvider(providerId);
  const parsed = callbackSchema.safeParse(query);
  if (!parsed.success) throw new IntegrationError("STATE_INVALID");
  if ("error" in parsed.data) {
    // Burn the state so the same flow cannot be resumed; a bad state changes nothing here.
    if (parsed.data.state) await consumeState(db, ctx, manifest.id, parsed.data.state).catch(() => undefined);
    throw new IntegrationError("AUTH_DENIED", { providerCode: parsed.data.error });
  }
  const { row, verifier } = await consumeState(db, ctx, manifest.id, parsed.data.state);
  const tokens = await exchangeCode(manifest, endpoints, { code: parsed.data.code, redirectUri: row.redirectUri, codeVerifier: verifier });
  const accounts = hooks.discoverAccount
    ? await hooks.discoverAccount({ endpoints }, { accessToken: tokens.credentials.accessToken, tokenResponse: tokens.raw, callbackQuery: query })
    : [];
  const scopes = tokens.scopes.length ? tokens.scopes : manifest.oauth!.scopes;
  if (accounts.length > 1) {
    const pending = await savePending(db, ctx, manifest, (id) => ({
      authMode: manifest.authMode,
      credentials: sealPending(id, { credentials: tokens.credentials, accounts }),
      scopes,
      expiresAt: tokens.credentials.expiresAt ? new Date(tokens.credentials.expiresAt) : null,
      connectedBy: userId,
    }));
    await auditAs(db, ctx, { action: "connection.pending_choice", provider: manifest.id, connectionId: pending.id, details: { accounts: accounts.length } });
    return { outcome: "choose_account", accounts };
  }
  const account = accounts[0];
  const [saved] = await saveConnections(db, ctx, manifest, [{
    accountId: account?.id,
    build: (id) => ({
      authMode: manifest.authMode,
      status: "connected",
      credentials: sealCredentials(id, tokens.credentials),
      externalAccountId: account?.id ?? null,
      externalAccountName: account?.name ?? null,
      grantId: null,
      scopes,
      expiresAt: tokens.credentials.expiresAt ? new Date(tokens.credentials.expiresAt) : null,
      refreshFailures: 0,
      lastError: null,
      lastErrorAt: null,
      // The code exchange and account discovery just proved the grant: that is this connection's
      // latest health check, replacing a reconnected row's old (failed) one.
      lastHealthCheckAt: new Date(),
      lastHealthOk: 1,
      connectedBy: userId,
    }),
  }]);
  await auditAs(db, ctx, { action: "connection.connected", provider: manifest.id, connectionId: saved.id, details: { account: account?.name ?? null } });
  return { outcome: "connected", connection: toConnectionView(saved) };
}
