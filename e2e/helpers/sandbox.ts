import type { APIRequestContext } from "@playwright/test";
import { z } from "zod";

/** The sandbox started by playwright.config.ts (E2E_SANDBOX_PORT, default 4110). */
export const SANDBOX_ORIGIN = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

/** Stripe's own sandbox port (playwright.config.ts: the sandbox port + 1), where the stripe SDK and hosted pages live. */
export const SANDBOX_STRIPE_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110) + 1;

/** The demo Stripe secret key the sandbox accepts (sandbox/config.ts sandboxApps.stripe.secretKey). */
export const SANDBOX_STRIPE_KEY = "sk_test_sandbox_51HubDemoKey0000000000000000";

const tokensSchema = z.object({
  tokens: z.array(z.looseObject({ token: z.string(), kind: z.string(), revoked: z.boolean(), accountId: z.string() })),
});

/** Tokens the sandbox issued for a provider (GET /_control/tokens), with their revoked flag. */
export async function sandboxTokens(request: APIRequestContext, provider: string) {
  const res = await request.get(`${SANDBOX_ORIGIN}/_control/tokens?provider=${encodeURIComponent(provider)}`);
  if (!res.ok()) throw new Error(`sandbox /_control/tokens answered ${res.status()}`);
  return tokensSchema.parse(await res.json()).tokens;
}

/** Revokes every token the sandbox issued for a provider, as if the user removed the app there. */
export async function revokeAllSandboxTokens(request: APIRequestContext, provider: string): Promise<void> {
  const res = await request.post(`${SANDBOX_ORIGIN}/_control/faults`, { data: { provider, revokeTokens: true } });
  // No other fault settings are sent, so the provider keeps answering normally afterwards.
  if (!res.ok()) throw new Error(`sandbox /_control/faults answered ${res.status()}`);
}
