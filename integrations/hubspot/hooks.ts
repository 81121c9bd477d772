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
  await tokenInfo(ctx, creds.accessToken);
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
