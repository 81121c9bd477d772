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

/** GET /v1/account: proves the key and names the Stripe account. */
export const verifyCredentials: VerifyCredentials = async (ctx, fields) => {
  const { secretKey } = stripeFieldsSchema.parse(fields);
  try {
    const account = await stripeClient(secretKey, ctx.endpoints).accounts.retrieveCurrent();
    const name = account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? account.email ?? account.id;
    return { id: account.id, name };
  } catch (err) {
    throw toIntegrationError(err);
  }
};

/** GET /v1/balance: the cheapest authenticated call (restricted keys with balance read pass). */
export const healthCheck: HealthCheck = async (ctx, creds) => {
  if (creds.kind !== "fields") throw new IntegrationError("INVALID_CREDENTIALS");
  const { secretKey } = stripeFieldsSchema.parse(creds.fields);
  try {
    await stripeClient(secretKey, ctx.endpoints).balance.retrieve();
  } catch (err) {
    throw toIntegrationError(err);
  }
};
