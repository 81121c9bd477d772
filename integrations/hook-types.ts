import type { RateLimit } from "./manifest-schema";

/**
 * The URLs and app credentials one provider is really called with, resolved from its manifest
 * and the environment by lib/connections/endpoints.ts. Part of the contract because every hook
 * receives it; hooks pass it on to the provider HTTP client, which paces by `rateLimit`.
 */
export type ProviderEndpoints = {
  /** The provider id (manifest id = folder name). */
  provider: string;
  mode: "sandbox" | "live";
  authorizeUrl?: string;
  tokenUrl?: string;
  revokeUrl?: string;
  apiBaseUrl?: string;
  /** Further named endpoints (Xero connectionsUrl, QuickBooks userInfoUrl…). */
  urls: Record<string, string>;
  clientId?: string;
  clientSecret?: string;
  /** The manifest's rate-limit headers and budgets. */
  rateLimit: RateLimit;
};

/** What a stored connection's encrypted `credentials` envelope holds, by auth mode. */
export type Credentials =
  | {
      kind: "oauth2";
      accessToken: string;
      refreshToken?: string;
      tokenType?: string;
      /** Access-token expiry, epoch milliseconds. */
      expiresAt?: number;
      scope?: string;
    }
  | { kind: "fields"; fields: Record<string, string> };

/** What every hook gets: the provider's effective URLs and app credentials. */
export type HookContext = { endpoints: ProviderEndpoints };

/** A provider account an OAuth grant reaches (Xero tenant, QuickBooks realm, Slack team…). */
export type DiscoveredAccount = { id: string; name: string };

export type DiscoverAccountInput = {
  accessToken: string;
  /** The token endpoint's JSON answer (Slack puts the team there). */
  tokenResponse: Record<string, unknown>;
  /** The callback's query parameters (QuickBooks puts realmId there). */
  callbackQuery: Record<string, string>;
};

/** Returns every account the grant reaches; more than one means the user must choose. */
export type DiscoverAccount = (ctx: HookContext, input: DiscoverAccountInput) => Promise<DiscoveredAccount[]>;

/** Proves api_key/basic/webhook_url fields work with a live call; throws INVALID_CREDENTIALS with the provider's reason. */
export type VerifyCredentials = (ctx: HookContext, fields: Record<string, string>) => Promise<Partial<DiscoveredAccount>>;

/** A cheap live call; throws an IntegrationError when the connection does not work. */
export type HealthCheck = (
  ctx: HookContext,
  creds: Credentials,
  account: { externalAccountId: string | null },
) => Promise<void>;

/** Revokes the grant at the provider when a plain RFC 7009 POST to revokeUrl is not how it is done. */
export type Revoke = (ctx: HookContext, creds: Credentials) => Promise<void>;

/** A plain-text message the hub sends on a person's behalf (an invitation, a notice). */
export type OutgoingMail = { to: string; subject: string; text: string };

/**
 * Sends one email through the connection (the Email provider's SMTP server, from its configured
 * address). Throws when the server refuses or cannot be reached; never inside a transaction.
 */
export type SendMail = (ctx: HookContext, creds: Credentials, mail: OutgoingMail) => Promise<void>;

/** The hook functions one provider folder exports from `hooks.ts`. */
export type ProviderHooks = {
  discoverAccount?: DiscoverAccount;
  verifyCredentials?: VerifyCredentials;
  healthCheck?: HealthCheck;
  revoke?: Revoke;
  sendMail?: SendMail;
};
