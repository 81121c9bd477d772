import profile from "@/config/sandbox-profile.json";
import { providersMode } from "@/lib/connections/endpoints";
import { decrypt, encrypt } from "@/lib/crypto";

/**
 * Where each provider's app-level webhook secret comes from when a connection has none of its
 * own: an environment variable, and with the sandbox providers (development, the embedded
 * default) the sandbox's own value from config/sandbox-profile.json, so sandbox webhooks verify
 * with no set-up. PayPal's "secret" is the webhook id its verify API checks against.
 */
const FALLBACKS: Record<string, { env: string; sandbox?: string }> = {
  stripe: { env: "STRIPE_WEBHOOK_SECRET", sandbox: profile.apps.stripe.webhookSecret },
  xero: { env: "XERO_WEBHOOK_KEY", sandbox: profile.apps.xero.webhookKey },
  quickbooks: { env: "QUICKBOOKS_WEBHOOK_VERIFIER", sandbox: profile.apps.quickbooks.webhookVerifierToken },
  slack: { env: "SLACK_SIGNING_SECRET", sandbox: profile.apps.slack.signingSecret },
  paypal: { env: "PAYPAL_WEBHOOK_ID", sandbox: profile.apps.paypal.webhookId },
  hubspot: { env: "HUBSPOT_CLIENT_SECRET", sandbox: profile.apps.hubspot.clientSecret },
};

/** The environment (or sandbox) secret of a provider, if any. */
export function environmentSecret(provider: string): string | undefined {
  const f = FALLBACKS[provider];
  if (!f) return undefined;
  const fromEnv = process.env[f.env];
  if (fromEnv) return fromEnv;
  let mode: string;
  try {
    mode = providersMode();
  } catch {
    return undefined;
  }
  return mode === "sandbox" ? f.sandbox : undefined;
}

export type SecretSource = "connection" | "environment" | "none";

// The envelope's AAD binds a sealed secret to its connection and purpose: a copied column fails.
const aad = (connectionId: string) => `${connectionId}:inbound-signing-secret`;

export const sealSigningSecret = (connectionId: string, secret: string) => encrypt(secret, aad(connectionId));

/** The secret a connection's deliveries are checked with, and where it came from. */
export function effectiveSecret(provider: string, connectionId: string, sealed: string | null | undefined): { secret?: string; source: SecretSource } {
  if (sealed) return { secret: decrypt(sealed, aad(connectionId)), source: "connection" };
  const env = environmentSecret(provider);
  return env ? { secret: env, source: "environment" } : { source: "none" };
}
