import Stripe from "stripe";
import type { ProviderEndpoints } from "@/lib/connections/endpoints";

/**
 * The official Stripe SDK, pointed at the effective API base (the sandbox by default). Stripe's
 * SDK cannot take a path prefix, only host/port/protocol, which is why the sandbox gives Stripe
 * its own port.
 */
export function stripeClient(secretKey: string, endpoints: ProviderEndpoints): Stripe {
  const base = new URL(endpoints.apiBaseUrl ?? "https://api.stripe.com");
  return new Stripe(secretKey, {
    host: base.hostname,
    port: base.port || (base.protocol === "https:" ? 443 : 80),
    protocol: base.protocol === "https:" ? "https" : "http",
    maxNetworkRetries: 1,
    timeout: 15_000,
  });
}
