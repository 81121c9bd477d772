import { z } from "zod";
import type { Credentials } from "@/integrations/hook-types";
import type { Manifest } from "@/integrations/manifest-schema";
import type { ProviderEndpoints } from "./endpoints";
import { IntegrationError, safeProviderMessage } from "./errors";
import { basicAuth, retryAfterSeconds } from "./http";

/** An RFC 6749 token response; providers add fields (Slack's team), which stay in `raw`. */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.union([z.string(), z.array(z.string())]).optional(),
}).loose();

export type TokenResult = { credentials: Extract<Credentials, { kind: "oauth2" }>; raw: Record<string, unknown>; scopes: string[] };

/** A form POST authenticated the way the manifest says the provider expects (Basic or body). */
async function postWithClientAuth(
  manifest: Manifest,
  url: string,
  client: { clientId: string; clientSecret: string },
  params: Record<string, string>,
): Promise<Response> {
  const body = new URLSearchParams(params);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (manifest.oauth?.clientAuth === "basic") headers.authorization = basicAuth(client.clientId, client.clientSecret);
  else {
    body.set("client_id", client.clientId);
    body.set("client_secret", client.clientSecret);
  }
  try {
    return await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
  } catch (cause) {
    throw new IntegrationError("PROVIDER_UNREACHABLE", { cause });
  }
}

/**
 * POSTs a grant to the token endpoint with the manifest's client authentication. An
 * `invalid_grant` (revoked or expired refresh token, used code) becomes NEEDS_REAUTH so callers
 * stop retrying; Slack's HTTP-200 `{ok:false}` errors are treated like any other error.
 */
async function postGrant(manifest: Manifest, endpoints: ProviderEndpoints, params: Record<string, string>): Promise<Record<string, unknown>> {
  const { tokenUrl, clientId, clientSecret } = endpoints;
  if (!tokenUrl || !clientId || !clientSecret) {
    throw new IntegrationError("PROVIDER_ERROR", { providerMessage: `${manifest.name} app credentials are not configured.`, retryable: false });
  }
  const res = await postWithClientAuth(manifest, tokenUrl, { clientId, clientSecret }, params);
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Non-JSON error pages are handled by the status checks below.
  }
  // RFC 6749 `error`; HubSpot answers `{ status: "BAD_REFRESH_TOKEN", message }` instead.
  const errCode = typeof json.error === "string" ? json.error : !res.ok && typeof json.status === "string" ? json.status : undefined;
  if (res.ok && json.ok !== false && !errCode) return json;
  const providerMessage = safeProviderMessage(json.error_description ?? json.message);
  if (res.status === 429 || errCode === "ratelimited") {
    throw new IntegrationError("RATE_LIMITED", { providerCode: errCode, retryAfterSeconds: retryAfterSeconds(res) });
  }
  if (res.status >= 500) throw new IntegrationError("PROVIDER_ERROR", { providerCode: errCode ?? String(res.status) });
  // invalid_grant is the standard; Slack says invalid_refresh_token / invalid_code.
  if (errCode && ["invalid_grant", "invalid_refresh_token", "invalid_code", "code_already_used", "token_revoked", "BAD_REFRESH_TOKEN", "BAD_AUTH_CODE"].includes(errCode)) {
    throw new IntegrationError("NEEDS_REAUTH", { providerCode: errCode, providerMessage });
  }
  if (errCode === "invalid_client" || errCode === "unauthorized_client" || errCode === "invalid_client_id" || errCode === "bad_client_secret") {
    throw new IntegrationError("PROVIDER_ERROR", { providerCode: errCode, providerMessage: "The hub's app credentials were refused.", retryable: false });
  }
  throw new IntegrationError("PROVIDER_ERROR", { providerCode: errCode ?? String(res.status), providerMessage, retryable: false });
}

function toResult(json: Record<string, unknown>, previousRefresh?: string): TokenResult {
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new IntegrationError("PROVIDER_ERROR", { providerCode: "unexpected_token_response" });
  const t = parsed.data;
  const scope = Array.isArray(t.scope) ? t.scope.join(" ") : t.scope;
  return {
    credentials: {
      kind: "oauth2",
      accessToken: t.access_token,
      // Providers that do not rotate refresh tokens omit it on refresh: keep the one we have.
      refreshToken: t.refresh_token ?? previousRefresh,
      tokenType: t.token_type,
      expiresAt: t.expires_in ? Date.now() + t.expires_in * 1000 : undefined,
      scope,
    },
    raw: json,
    scopes: scope ? scope.split(/[\s,]+/).filter(Boolean) : [],
  };
}

export async function exchangeCode(
  manifest: Manifest,
  endpoints: ProviderEndpoints,
  input: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<TokenResult> {
  const params: Record<string, string> = { grant_type: "authorization_code", code: input.code, redirect_uri: input.redirectUri };
  if (manifest.oauth?.pkce && input.codeVerifier) params.code_verifier = input.codeVerifier;
  return toResult(await postGrant(manifest, endpoints, params));
}

export async function refreshTokens(manifest: Manifest, endpoints: ProviderEndpoints, refreshToken: string): Promise<TokenResult> {
  return toResult(await postGrant(manifest, endpoints, { grant_type: "refresh_token", refresh_token: refreshToken }), refreshToken);
}

/** RFC 7009 revocation (Xero and most providers): POST token=… with the client authentication. */
export async function revokeRfc7009(manifest: Manifest, endpoints: ProviderEndpoints, creds: Credentials): Promise<void> {
  const { revokeUrl, clientId, clientSecret } = endpoints;
  if (creds.kind !== "oauth2" || !revokeUrl || !clientId || !clientSecret) return;
  const res = await postWithClientAuth(manifest, revokeUrl, { clientId, clientSecret }, {
    token: creds.refreshToken ?? creds.accessToken,
    token_type_hint: creds.refreshToken ? "refresh_token" : "access_token",
  });
  await res.body?.cancel();
  if (!res.ok) throw new IntegrationError("PROVIDER_ERROR", { providerCode: String(res.status) });
}
