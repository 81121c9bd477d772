import type { SandboxContext } from "../../core/context";
import { json } from "../../core/http";
import type { IdTokenSigner } from "../../core/id-token";
import { OAuthServer } from "../../core/oauth";
import { bearer } from "../../core/tokens";
import { sandboxApps, sandboxPaths } from "../../config";
import { QBO_REALMS } from "./seed";

const p = sandboxPaths.quickbooks;
/** Intuit's refresh tokens last 100 days (x_refresh_token_expires_in). */
const REFRESH_TTL = 8_726_400;
export const QBO_ISSUER_PATH = "/quickbooks/oauth/op/v1";

/**
 * Intuit's OAuth server: the consent page picks a company and the redirect carries `realmId`;
 * token endpoint with Basic (or form) client auth; each refresh returns a new refresh token and
 * the used one stops working; JSON revocation; OpenID id_tokens signed with the sandbox's key.
 */
export function qboOAuth(ctx: SandboxContext, signer: IdTokenSigner): OAuthServer {
  return new OAuthServer(ctx, {
    provider: "quickbooks",
    displayName: "Intuit QuickBooks",
    clients: [{ clientId: sandboxApps.quickbooks.clientId, clientSecret: sandboxApps.quickbooks.clientSecret }],
    paths: { authorize: p.authorizeUrl, token: p.tokenUrl, revoke: p.revokeUrl },
    clientAuth: ["client_secret_basic", "client_secret_post"],
    pkce: "optional",
    allowPlainPkce: false,
    rotateRefreshTokens: true,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: REFRESH_TTL,
    includeScope: false,
    accounts: () => QBO_REALMS.map((r) => ({ id: r.realmId, name: r.name })),
    redirectParams: (realmId) => ({ realmId }),
    tokenExtras: (g) => ({
      token_type: "bearer",
      x_refresh_token_expires_in: REFRESH_TTL,
      ...(g.scopes.includes("openid")
        ? { id_token: signer.sign({ iss: `${ctx.origin}${QBO_ISSUER_PATH}`, aud: [g.clientId], sub: `sandbox-user-${g.accountId}`, realmid: g.accountId, auth_time: Math.floor(Date.now() / 1000) }) }
        : {}),
    }),
  });
}

/** Discovery documents (production and sandbox names), JWKS and userinfo. */
export function mountQboIdentity(ctx: SandboxContext, signer: IdTokenSigner) {
  const discovery = () => {
    const o = ctx.origin;
    return json(200, {
      issuer: `${o}${QBO_ISSUER_PATH}`,
      authorization_endpoint: o + p.authorizeUrl,
      token_endpoint: o + p.tokenUrl,
      userinfo_endpoint: o + p.userInfoUrl,
      revocation_endpoint: o + p.revokeUrl,
      jwks_uri: `${o}${QBO_ISSUER_PATH}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "email", "profile", "address", "phone"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      claims_supported: ["aud", "exp", "iat", "iss", "realmid", "sub"],
    });
  };
  ctx.router.get("/quickbooks/developer/.well-known/openid_configuration", discovery);
  ctx.router.get("/quickbooks/developer/.well-known/openid_sandbox_configuration", discovery);
  ctx.router.get(`${QBO_ISSUER_PATH}/jwks`, () => json(200, signer.jwks()));
  ctx.router.get(p.userInfoUrl, (req) => {
    const v = ctx.tokens.verify("quickbooks", bearer(req.headers.authorization));
    if (!v.ok) return json(401, { error: "invalid_token", error_description: `Token ${v.reason}` });
    const realm = QBO_REALMS.find((r) => r.realmId === v.grant.accountId) ?? QBO_REALMS[0];
    return json(200, {
      sub: `sandbox-user-${realm.realmId}`, email: realm.email, emailVerified: true, givenName: "Sandbox", familyName: "Owner",
      phoneNumber: "+1 6505550100", phoneNumberVerified: false,
      address: { streetAddress: "2700 Coast Ave", locality: "Mountain View", region: "CA", postalCode: "94043", country: "US" },
    });
  });
}
