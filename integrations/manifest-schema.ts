import { z } from "zod";

/** The product's integration categories, in the order the marketplace shows them. */
export const categories = [
  "payments", "accounting", "automation", "communication", "storage", "crm", "marketing", "scheduling", "documents",
] as const;
export type Category = (typeof categories)[number];

export const authModes = ["oauth2", "api_key", "basic", "webhook_url"] as const;
export type AuthMode = (typeof authModes)[number];

/** How a provider signs the webhooks it sends us (the inbound engine dispatches on this). */
export const webhookSchemes = [
  "stripe-signature", "xero-signature", "intuit-signature", "slack-signature", "paypal-verify-api",
  "hubspot-v3", "square-signature", "twilio-signature", "docusign-connect-hmac", "calendly-signature",
  "hmac-sha256-hex", "standard-webhooks", "none",
] as const;

const httpsUrl = z.url({ protocol: /^https$/ });
const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

/** One input of the connection form for api_key / basic / webhook_url providers. */
export const connectionFieldSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  label: z.string().min(1),
  type: z.enum(["text", "password", "url", "email", "number"]),
  pattern: regexSource.optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
  /** Secret fields are stored only inside the encrypted credentials and never sent back. */
  secret: z.boolean(),
  required: z.boolean().default(true),
});
export type ConnectionField = z.infer<typeof connectionFieldSchema>;

export const oauthConfigSchema = z.object({
  authorizeUrl: httpsUrl,
  tokenUrl: httpsUrl,
  revokeUrl: httpsUrl.optional(),
  scopes: z.array(z.string().min(1)),
  /** Slack joins scopes with commas; everyone else with spaces. */
  scopeSeparator: z.enum([" ", ","]).default(" "),
  pkce: z.boolean(),
  /** How the client id/secret reach the token endpoint: HTTP Basic, or form fields in the body. */
  clientAuth: z.enum(["basic", "body"]),
  /** Extra authorize-URL parameters the provider needs (e.g. Google's access_type=offline). */
  authorizeParams: z.record(z.string(), z.string()).default({}),
});
export type OAuthConfig = z.infer<typeof oauthConfigSchema>;

/**
 * How a provider limits calls, read by the provider HTTP client (lib/connections/http.ts) on
 * every answer: the headers that carry retry timing and the remaining budget, and the budgets
 * the hub paces itself to per provider account (Xero: 60 a minute and 5,000 a day per tenant).
 */
export const rateLimitSchema = z.object({
  /** Seconds (or an HTTP date) to wait after a 429, e.g. `retry-after`. */
  retryAfterHeader: z.string().toLowerCase().optional(),
  /** Calls left in the provider's current window, e.g. Xero's `x-minlimit-remaining`. */
  remainingHeader: z.string().toLowerCase().optional(),
  /** Seconds until the provider's window resets, where the provider sends one. */
  resetHeader: z.string().toLowerCase().optional(),
  /** Budgets per provider account; every one must have room before a call is sent. */
  budgets: z.array(z.object({
    requests: z.number().int().positive(),
    perSeconds: z.number().int().positive().max(86_400),
  }).strict()).default([]),
}).strict();
export type RateLimit = z.output<typeof rateLimitSchema>;

/**
 * Names of behaviour hooks the provider's `hooks.ts` exports. The registry test fails when a
 * manifest names a hook that the provider folder does not export.
 */
export const hookNamesSchema = z.object({
  /** After the token exchange: which provider account was authorised (Xero tenants, QBO realm…). */
  discoverAccount: z.string().optional(),
  /** Before saving api_key/basic/webhook_url credentials: a live call that proves they work. */
  verifyCredentials: z.string().optional(),
  /** A cheap live call for "Test connection" and the scheduled health check. */
  healthCheck: z.string().optional(),
  /** Provider-specific token revocation, when a plain RFC 7009 POST to revokeUrl is not it. */
  revoke: z.string().optional(),
  /** Sends an email through the connection (the Email provider: invitations and notices). */
  sendMail: z.string().optional(),
}).strict();
export type HookNames = z.infer<typeof hookNamesSchema>;

export const manifestSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  description: z.string().min(10).max(200),
  category: z.enum(categories),
  authMode: z.enum(authModes),
  /** "available" only where a connection can really be made and tested against the sandbox today. */
  availability: z.enum(["available", "coming_soon"]),
  /** lucide-react icon name + brand colour, so the catalog needs no network for logos. */
  logo: z.object({ icon: z.string().regex(/^[A-Z][A-Za-z0-9]*$/), color: z.string().regex(/^#[0-9a-fA-F]{6}$/) }),
  /** Absent for providers that are not HTTP APIs (SMTP) or live on the customer's own host. */
  apiBaseUrl: httpsUrl.optional(),
  docsUrl: httpsUrl.optional(),
  /**
   * Further named provider endpoints the hooks call (Xero `connectionsUrl`, QuickBooks
   * `userInfoUrl`, …). Names match `sandboxPaths` so lib/connections/endpoints.ts can swap hosts.
   */
  urls: z.record(z.string(), httpsUrl).default({}),
  oauth: oauthConfigSchema.optional(),
  fields: z.array(connectionFieldSchema).default([]),
  webhooks: z.object({ verification: z.enum(webhookSchemes), signatureHeader: z.string().optional() }).optional(),
  rateLimit: rateLimitSchema.default({ budgets: [] }),
  capabilities: z.object({
    sync: z.array(z.string()).default([]),
    webhooks: z.boolean().default(false),
    notify: z.boolean().default(false),
    payments: z.boolean().default(false),
    storage: z.boolean().default(false),
  }),
  hooks: hookNamesSchema.default({}),
}).strict().superRefine((m, ctx) => {
  if (m.authMode === "oauth2" && !m.oauth) ctx.addIssue({ code: "custom", message: "oauth2 providers need an oauth block", path: ["oauth"] });
  if (m.authMode !== "oauth2" && m.oauth) ctx.addIssue({ code: "custom", message: "only oauth2 providers have an oauth block", path: ["oauth"] });
  if (m.authMode !== "oauth2" && m.fields.length === 0) {
    ctx.addIssue({ code: "custom", message: `${m.authMode} providers need connection fields`, path: ["fields"] });
  }
  if (m.availability === "available" && m.authMode !== "oauth2" && !m.hooks.verifyCredentials) {
    ctx.addIssue({ code: "custom", message: "available key-based providers must verify credentials live", path: ["hooks"] });
  }
});

/** A manifest as written in `integrations/<id>/manifest.ts` (defaults may be omitted). */
export type ManifestInput = z.input<typeof manifestSchema>;
/** A validated manifest, defaults filled in. */
export type Manifest = z.output<typeof manifestSchema>;

/** Identity helper so manifest files are type-checked against the schema's input type. */
export const defineManifest = <const T extends ManifestInput>(m: T): T => m;
