/**
 * The sandbox's fixed facts, shared by the emulators and by the hub's default configuration:
 * ports, the demo app credentials each emulated provider accepts, and the path layout that
 * mirrors each provider's real hosts under one origin.
 *
 * These are sandbox-only values (nothing real is protected by them); they are printed on the
 * sandbox's front door so that newcomers and tests can use them. The demo apps and the path
 * layout live in config/sandbox-profile.json, which the hub also reads when it is pointed at the
 * sandbox (HUB_PROVIDERS=sandbox or development), so the hub never imports this folder.
 */
import profile from "../config/sandbox-profile.json" with { type: "json" };

export const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
/** Stripe's SDK cannot take a path prefix, so Stripe gets a port of its own. */
export const SANDBOX_STRIPE_PORT = Number(process.env.SANDBOX_STRIPE_PORT ?? SANDBOX_PORT + 1);
export const SANDBOX_SMTP_PORT = Number(process.env.SANDBOX_SMTP_PORT ?? 2525);

export const sandboxOrigin = (port = SANDBOX_PORT) => process.env.SANDBOX_URL ?? `http://localhost:${port}`;
export const stripeSandboxOrigin = () => process.env.SANDBOX_STRIPE_URL ?? `http://localhost:${SANDBOX_STRIPE_PORT}`;

/** OAuth apps registered in the sandbox: the hub's default client credentials per provider. */
export const sandboxApps = profile.apps;

/**
 * The sandbox's Stripe accounts. Stripe keys belong to one account each, so a second key is a
 * second account with its own customers, invoices and payments; the first is the default demo one.
 */
export const sandboxStripeAccounts = [
  { id: "acct_1SbxSandbox0001", name: "Sandbox Trading Ltd", secretKey: sandboxApps.stripe.secretKey },
  { id: "acct_1SbxSandbox0002", name: "Sandbox Trading EU GmbH", secretKey: "sk_test_sandbox_51HubDemoKeyEU00000000000000" },
] as const;

/**
 * Where each provider's real endpoints live in the sandbox, relative to `sandboxOrigin()`
 * (Stripe: relative to `stripeSandboxOrigin()`). Real host → sandbox path:
 * - Xero: login.xero.com → /xero/login, identity.xero.com → /xero/identity, api.xero.com → /xero/api
 * - QuickBooks: appcenter.intuit.com → /quickbooks/appcenter, oauth.platform.intuit.com →
 *   /quickbooks/oauth, developer.api.intuit.com → /quickbooks/developer,
 *   sandbox-quickbooks.api.intuit.com → /quickbooks/api
 * - Slack: slack.com → /slack
 * - PayPal: www.paypal.com → /paypal/www, api-m.paypal.com → /paypal/api
 * - HubSpot: app.hubspot.com → /hubspot/app, api.hubapi.com → /hubspot/api
 */
export const sandboxPaths = profile.paths;
