import type { DiscoverAccount, HealthCheck, HookContext } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { providerJson } from "@/lib/connections/http";
import { xeroConnectionsSchema } from "./schema";

async function tenants(ctx: HookContext, accessToken: string) {
  const url = ctx.endpoints.urls.connectionsUrl;
  if (!url) throw new IntegrationError("PROVIDER_ERROR", { providerMessage: "Xero connections URL is not configured." });
  const body = await providerJson(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  const parsed = xeroConnectionsSchema.safeParse(body);
  if (!parsed.success) throw new IntegrationError("PROVIDER_ERROR", { providerCode: "unexpected_connections_body" });
  return parsed.data.filter((t) => !t.tenantType || t.tenantType === "ORGANISATION");
}

/** Xero's GET /connections lists the organisations the user authorised; several → the user chooses. */
export const discoverAccount: DiscoverAccount = async (ctx, { accessToken }) => {
  const list = await tenants(ctx, accessToken);
  if (list.length === 0) throw new IntegrationError("AUTH_DENIED", { providerMessage: "No Xero organisation was authorised." });
  return list.map((t) => ({ id: t.tenantId, name: t.tenantName ?? t.tenantId }));
};

/** GET /connections again: cheap, and proves the chosen tenant is still authorised. */
export const healthCheck: HealthCheck = async (ctx, creds, account) => {
  if (creds.kind !== "oauth2") throw new IntegrationError("INVALID_CREDENTIALS");
  const list = await tenants(ctx, creds.accessToken);
  if (account.externalAccountId && !list.some((t) => t.tenantId === account.externalAccountId)) {
    throw new IntegrationError("NEEDS_REAUTH", { providerMessage: "The Xero organisation is no longer authorised for the hub." });
  }
};
