import type { DiscoverAccount, HealthCheck, HookContext } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { providerJson } from "@/lib/connections/http";
import { userInfoSchema } from "./schema";

async function userInfo(ctx: HookContext, accessToken: string) {
  const url = ctx.endpoints.urls.userInfoUrl;
  if (!url) throw new IntegrationError("PROVIDER_ERROR", { providerMessage: "PayPal userinfo URL is not configured." });
  const body = await providerJson(`${url}?schema=paypalv1.1`, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  return userInfoSchema.parse(body);
}

/** Log in with PayPal's userinfo names the merchant account (payer id) that consented. */
export const discoverAccount: DiscoverAccount = async (ctx, { accessToken }) => {
  const info = await userInfo(ctx, accessToken);
  const id = info.payer_id ?? info.user_id;
  if (!id) throw new IntegrationError("PROVIDER_ERROR", { providerCode: "missing_payer_id" });
  const email = info.emails?.find((e) => e.primary)?.value ?? info.emails?.[0]?.value;
  return [{ id, name: info.name ?? email ?? id }];
};

export const healthCheck: HealthCheck = async (ctx, creds) => {
  if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_CREDENTIALS");
  await userInfo(ctx, creds.accessToken);
};
