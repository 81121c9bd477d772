/**
 * The sandbox's fixed facts, shared by the emulators and by the hub's default configuration:
 * ports, the demo app credentials each emulated provider accepts, and the path layout that
 * mirrors each provider's real hosts under one origin.
 *
 * These are sandbox-only values (nothing real is protected by them); they are printed on the
 * sandbox's front door so that newcomers and tests can use them.
 */
export const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
/** Stripe's SDK cannot take a path prefix, so Stripe gets a port of its own. */
export const SANDBOX_STRIPE_PORT = Number(process.env.SANDBOX_STRIPE_PORT ?? SANDBOX_PORT + 1);
export const SANDBOX_SMTP_PORT = Number(process.env.SANDBOX_SMTP_PORT ?? 2525);

export const sandboxOrigin = (port = SANDBOX_PORT) => process.env.SANDBOX_URL ?? `http://localhost:${port}`;
export const stripeSandboxOrigin = () => process.env.SANDBOX_STRIPE_URL ?? `http://localhost:${SANDBOX_STRIPE_PORT}`;

/** OAuth apps registered in the sandbox: the hub's default client credentials per provider. */
export const sandboxApps = {
  xero: { clientId: "sandbox-xero-client", clientSecret: "sandbox-xero-secret", webhookKey: "sandbox-xero-webhook-key" },
  quickbooks: { clientId: "sandbox-qbo-client", clientSecret: "sandbox-qbo-secret", webhookVerifierToken: "sandbox-qbo-verifier-token" },
  slack: { clientId: "1111111111.2222222222", clientSecret: "sandbox-slack-secret", signingSecret: "sandbox-slack-signing-secret" },
  paypal: { clientId: "sandbox-paypal-client", clientSecret: "sandbox-paypal-secret", webhookId: "WH-SANDBOX-0001" },
  hubspot: { clientId: "sandbox-hubspot-client", clientSecret: "sandbox-hubspot-secret" },
  stripe: {
    secretKey: "sk_test_sandbox_51HubDemoKey0000000000000000",
    publishableKey: "pk_test_sandbox_51HubDemoKey0000000000000000",
    webhookSecret: "whsec_sandboxStripeSigningSecret000000",
  },
  smtp: { username: "hub", password: "sandbox-smtp-password" },
} as const;

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
export const sandboxPaths = {
  xero: {
    authorizeUrl: "/xero/login/identity/connect/authorize",
    tokenUrl: "/xero/identity/connect/token",
    revokeUrl: "/xero/identity/connect/revocation",
    issuer: "/xero/identity",
    connectionsUrl: "/xero/api/connections",
    apiBaseUrl: "/xero/api/api.xro/2.0",
  },
  quickbooks: {
    authorizeUrl: "/quickbooks/appcenter/connect/oauth2",
    tokenUrl: "/quickbooks/oauth/oauth2/v1/tokens/bearer",
    revokeUrl: "/quickbooks/developer/v2/oauth2/tokens/revoke",
    userInfoUrl: "/quickbooks/accounts/v1/openid_connect/userinfo",
    apiBaseUrl: "/quickbooks/api",
  },
  slack: {
    authorizeUrl: "/slack/oauth/v2/authorize",
    tokenUrl: "/slack/api/oauth.v2.access",
    revokeUrl: "/slack/api/auth.revoke",
    apiBaseUrl: "/slack/api/",
  },
  paypal: {
    authorizeUrl: "/paypal/www/signin/authorize",
    tokenUrl: "/paypal/api/v1/oauth2/token",
    apiBaseUrl: "/paypal/api",
  },
  hubspot: {
    authorizeUrl: "/hubspot/app/oauth/authorize",
    tokenUrl: "/hubspot/api/oauth/v1/token",
    revokeUrl: "/hubspot/api/oauth/v1/refresh-tokens",
    apiBaseUrl: "/hubspot/api",
  },
  /** Catch hooks standing in for Zapier/Make/n8n and Microsoft Teams incoming webhooks. */
  hooks: { base: "/hooks" },
  control: { base: "/_control" },
} as const;
