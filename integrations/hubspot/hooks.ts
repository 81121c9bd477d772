import type { DiscoverAccount, HealthCheck, HookContext, Revoke } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { providerJson } from "@/lib/connections/http";
import { accessTokenInfoSchema } from "./schema";

async function tokenInfo(ctx: HookContext, accessToken: string) {
  const base = (ctx.endpoints.apiBaseUrl ?? "").replace(/\/$/, "");
  const body = await providerJson(`${base}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`, { headers: { accept: "application/json" } });
  return accessTokenInfoSchema.parse(body);
}

/** The access-token info call names the hub (portal) the user installed the app into. */
export const discoverAccount: DiscoverAccount = async (ctx, { accessToken }) => {
  const info = await tokenInfo(ctx, accessToken);
  return [{ id: String(info.hub_id), name: info.hub_domain ?? `HubSpot account ${info.hub_id}` }];
};

export const healthCheck: HealthCheck = async (ctx, creds) => {
  if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_CREDENTIALS");
  try {
    await tokenInfo(ctx, creds.accessToken);
  } catch (err) {
    // HubSpot answers 404 for an access token it no longer knows (revoked or expired), not 401:
    // that is the token being rejected, so the health check refreshes once and retries.
    if (err instanceof IntegrationError && err.code === "PROVIDER_ERROR" && (err.providerCode === "OBJECT_NOT_FOUND" || err.providerCode === "404")) {
      throw new IntegrationError("AUTH_EXPIRED", { providerCode: err.providerCode, cause: err });
    }
    throw err;
  }
};

/** HubSpot revokes with DELETE /oauth/v1/refresh-tokens/{refresh token}. */
export const revoke: Revoke = async (ctx, creds) => {
  const url = ctx.endpoints.revokeUrl;
  if (creds.kind !== "oauth2" || !creds.refreshToken || !url) return;
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, "")}/${encodeURIComponent(creds.refreshToken)}`, { method: "DELETE", signal: AbortSignal.timeout(15_000) });
  } catch (cause) {
    throw new IntegrationError("PROVIDER_UNREACHABLE", { cause });
  }
  await res.body?.cancel();
  // 404: already gone at HubSpot, which is what we wanted.
  if (!res.ok && res.status !== 404) throw new IntegrationError("PROVIDER_ERROR", { providerCode: String(res.status) });
};
