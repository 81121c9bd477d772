import type { SandboxContext } from "../../core/context";
import { json } from "../../core/http";
import { IdTokenSigner } from "../../core/id-token";
import { OAuthServer } from "../../core/oauth";
import { sandboxApps, sandboxPaths } from "../../config";
import { guard } from "./guard";
import { XERO_USER } from "./seed";
import type { XeroStore } from "./store";

const p = sandboxPaths.xero;

/**
 * Xero's identity server: authorize (PKCE S256 optional, as for Xero's confidential apps),
 * token endpoint with HTTP Basic client auth, rotating refresh tokens (a used refresh token is
 * dead), revocation, and an OpenID discovery document so openid-client (inside xero-node) can be
 * pointed at `${origin}${issuer}`.
 */
export function xeroOAuth(ctx: SandboxContext, store: XeroStore, signer: IdTokenSigner): OAuthServer {
  const issuer = () => `${ctx.origin}${p.issuer}`;
  return new OAuthServer(ctx, {
    provider: "xero",
    displayName: "Xero",
    clients: [{ clientId: sandboxApps.xero.clientId, clientSecret: sandboxApps.xero.clientSecret }],
    paths: { authorize: p.authorizeUrl, token: p.tokenUrl, revoke: p.revokeUrl },
    clientAuth: ["client_secret_basic"],
    pkce: "optional",
    allowPlainPkce: false,
    allowPublicPkceClients: true,
    rotateRefreshTokens: true,
    accessTokenTtlSeconds: 1800,
    refreshTokenTtlSeconds: 60 * 86400,
    refreshRequiresScope: "offline_access",
    accounts: () => [{ id: XERO_USER.id, name: `${XERO_USER.name} <${XERO_USER.email}>` }],
    tokenExtras: (g, type) => {
      // Consent connects the organisations; a minted token (control API) connects them too.
      if (type !== "refresh_token") store.connectAll(g.accountId, crypto.randomUUID());
      if (!g.scopes.includes("openid")) return {};
      return {
        id_token: signer.sign({
          iss: issuer(), aud: g.clientId, sub: g.accountId, xero_userid: g.accountId, email: XERO_USER.email,
          given_name: "Demo", family_name: "User", preferred_username: XERO_USER.email, auth_time: Math.floor(Date.now() / 1000),
          ...(g.nonce ? { nonce: g.nonce } : {}),
        }),
      };
    },
    onRevoke: (grant) => {
      // Revoking the refresh token removes the app's connections, as in Xero.
      if (grant.kind === "refresh") store.connections.delete(grant.accountId);
    },
  });
}

/** Discovery document, JWKS and userinfo under the issuer, and GET/DELETE /connections. */
export function mountXeroIdentity(ctx: SandboxContext, store: XeroStore, signer: IdTokenSigner) {
  const { router } = ctx;
  router.get(`${p.issuer}/.well-known/openid-configuration`, () => {
    const o = ctx.origin;
    return json(200, {
      issuer: `${o}${p.issuer}`,
      authorization_endpoint: `${o}${p.authorizeUrl}`,
      token_endpoint: `${o}${p.tokenUrl}`,
      revocation_endpoint: `${o}${p.revokeUrl}`,
      userinfo_endpoint: `${o}${p.issuer}/connect/userinfo`,
      jwks_uri: `${o}${p.issuer}/.well-known/openid-configuration/jwks`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic"],
      scopes_supported: ["openid", "profile", "email", "offline_access", "accounting.transactions", "accounting.contacts", "accounting.settings"],
      claims_supported: ["sub", "email", "given_name", "family_name", "xero_userid"],
    });
  });
  router.get(`${p.issuer}/.well-known/openid-configuration/jwks`, () => json(200, signer.jwks()));
  router.get(`${p.issuer}/connect/userinfo`, guard(ctx, store, { tenant: false }, ({ grant }) =>
    json(200, { sub: grant.accountId, email: XERO_USER.email, given_name: "Demo", family_name: "User", xero_userid: grant.accountId })));

  router.get(p.connectionsUrl, guard(ctx, store, { tenant: false }, ({ grant }) => json(200, store.connections.get(grant.accountId) ?? [])));
  router.delete(`${p.connectionsUrl}/:id`, guard(ctx, store, { tenant: false }, ({ req, grant }) => {
    const list = store.connections.get(grant.accountId) ?? [];
    if (!list.some((c) => c.id === req.params.id)) return { status: 404 };
    store.connections.set(grant.accountId, list.filter((c) => c.id !== req.params.id));
    return { status: 204 };
  }));
}
