import type { HealthCheck, HookContext, VerifyCredentials } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { basicAuth, providerJson } from "@/lib/connections/http";
import { paypalFieldsSchema, paypalTokenSchema } from "./schema";

/** A client-credentials token: proves the REST app's id and secret, and names the app. */
export async function appToken(ctx: HookContext, fields: Record<string, string>) {
  const parsed = paypalFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new IntegrationError("INVALID_INPUT");
  const url = ctx.endpoints.tokenUrl ?? `${(ctx.endpoints.apiBaseUrl ?? "").replace(/\/$/, "")}/v1/oauth2/token`;
  const body = await providerJson(url, {
    method: "POST",
    headers: { authorization: basicAuth(parsed.data.clientId, parsed.data.clientSecret), "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: "grant_type=client_credentials",
    unauthorized: "INVALID_CREDENTIALS",
  });
  return paypalTokenSchema.parse(body);
}

export const verifyCredentials: VerifyCredentials = async (ctx, fields) => {
  const token = await appToken(ctx, fields);
  return { id: token.app_id ?? fields.clientId, name: token.app_id ? `PayPal app ${token.app_id}` : "PayPal REST app" };
};

export const healthCheck: HealthCheck = async (ctx, creds) => {
  if (creds.kind !== "fields") throw new IntegrationError("INVALID_CREDENTIALS");
  await appToken(ctx, creds.fields);
};
