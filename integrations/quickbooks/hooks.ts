import type { DiscoverAccount, HealthCheck, HookContext, Revoke } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { basicAuth, providerJson } from "@/lib/connections/http";
import { companyInfoSchema, realmIdSchema } from "./schema";

async function companyInfo(ctx: HookContext, accessToken: string, realmId: string) {
  const base = (ctx.endpoints.apiBaseUrl ?? "").replace(/\/$/, "");
  const body = await providerJson(`${base}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    // QuickBooks limits each realm (company): the call spends that realm's budget.
    pace: { endpoints: ctx.endpoints, account: realmId, pacer: ctx.pacer },
  });
  return companyInfoSchema.parse(body).CompanyInfo;
}

/** QuickBooks sends the company (realmId) on the callback URL; the name comes from companyinfo. */
export const discoverAccount: DiscoverAccount = async (ctx, { accessToken, callbackQuery }) => {
  const realm = realmIdSchema.safeParse(callbackQuery.realmId);
  if (!realm.success) throw new IntegrationError("PROVIDER_ERROR", { providerCode: "missing_realm_id" });
  const info = await companyInfo(ctx, accessToken, realm.data);
  return [{ id: realm.data, name: info.CompanyName ?? info.LegalName ?? `QuickBooks company ${realm.data}` }];
};

export const healthCheck: HealthCheck = async (ctx, creds, account) => {
  if (creds.kind !== "oauth2" || !account.externalAccountId) throw new IntegrationError("INVALID_CREDENTIALS");
  await companyInfo(ctx, creds.accessToken, account.externalAccountId);
};

/** Intuit revokes with a JSON body `{ token }` (the refresh token revokes the whole grant). */
export const revoke: Revoke = async (ctx, creds) => {
  const { revokeUrl, clientId, clientSecret } = ctx.endpoints;
  if (creds.kind !== "oauth2" || !revokeUrl || !clientId || !clientSecret) return;
  await providerJson(revokeUrl, {
    method: "POST",
    headers: { authorization: basicAuth(clientId, clientSecret), "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ token: creds.refreshToken ?? creds.accessToken }),
  });
};
