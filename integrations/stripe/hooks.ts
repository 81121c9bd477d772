import Stripe from "stripe";
import type { HealthCheck, VerifyCredentials } from "../hook-types";
import { IntegrationError, safeProviderMessage } from "@/lib/connections/errors";
import { stripeClient } from "./client";
import { stripeFieldsSchema } from "./schema";

/** Maps the SDK's typed errors onto the hub's taxonomy, keeping Stripe's own (masked) reason. */
function toIntegrationError(err: unknown): IntegrationError {
  if (err instanceof Stripe.errors.StripeAuthenticationError || err instanceof Stripe.errors.StripePermissionError) {
    return new IntegrationError("INVALID_CREDENTIALS", { providerCode: err.code ?? err.type, providerMessage: safeProviderMessage(err.message), cause: err });
  }
  if (err instanceof Stripe.errors.StripeRateLimitError) return new IntegrationError("RATE_LIMITED", { providerCode: err.code, cause: err });
  if (err instanceof Stripe.errors.StripeConnectionError) return new IntegrationError("PROVIDER_UNREACHABLE", { cause: err });
  if (err instanceof Stripe.errors.StripeError) {
    return new IntegrationError("PROVIDER_ERROR", { providerCode: err.code ?? err.type, providerMessage: safeProviderMessage(err.message), cause: err });
  }
  return new IntegrationError("PROVIDER_ERROR", { cause: err });
}

/**
 * GET /v1/customers?limit=1 proves the key (the hub needs customer read anyway, and restricted
 * keys may lack account read); GET /v1/account then names the account when the key may read it.
 */
export const verifyCredentials: VerifyCredentials = async (ctx, fields) => {
  const { secretKey } = stripeFieldsSchema.parse(fields);
  const stripe = stripeClient(secretKey, ctx.endpoints);
  try {
    await stripe.customers.list({ limit: 1 });
  } catch (err) {
    throw toIntegrationError(err);
  }
  const account = await stripe.accounts.retrieveCurrent().catch(() => undefined);
  const mode = secretKey.includes("_live_") ? "live" : "test";
  if (!account) return { name: `Stripe (${mode} mode)` };
  return { id: account.id, name: account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? account.email ?? account.id };
};

/** GET /v1/customers?limit=1: cheap, authenticated, and within what the hub's key must allow. */
export const healthCheck: HealthCheck = async (ctx, creds) => {
  if (creds.kind !== "fields") throw new IntegrationError("INVALID_CREDENTIALS");
  const { secretKey } = stripeFieldsSchema.parse(creds.fields);
  try {
    await stripeClient(secretKey, ctx.endpoints).customers.list({ limit: 1 });
  } catch (err) {
    throw toIntegrationError(err);
  }
};
