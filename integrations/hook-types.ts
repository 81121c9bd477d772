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

// ── Sync (lib/sync drives these; each provider's `sync/<entity>.ts` implements one) ──────────

/** How a provider sync module calls the provider for one connection. */
export type SyncApi = {
  endpoints: ProviderEndpoints;
  /** The provider account the calls act on and are paced by (Xero tenant id, QuickBooks realm id). */
  account: string;
  /** A usable access token (refreshed ahead of expiry by the connection layer). */
  accessToken(): Promise<string>;
};

/** One record as the provider holds it: its id, what changes on each edit, and its JSON. */
export type RemoteRecord = {
  externalId: string;
  /** Xero UpdatedDateUTC, QuickBooks SyncToken. */
  version: string;
  /** When it last changed at the provider (epoch ms). */
  updatedAt: number;
  /** Deleted, voided or archived at the provider (the engine applies the delete policy). */
  deleted?: boolean;
  raw: Record<string, unknown>;
};

/** Opaque, JSON-serialisable position inside one pull (stored in the checkpoint after each page). */
export type SyncCursor = Record<string, unknown>;

/** One page of a pull: `since` is the previous run's high-water mark (null = everything). */
export type PullRequest = { since: number | null; cursor: SyncCursor | null };
/**
 * `watermark`: the provider's clock when the page was read, where the provider tells it
 * (QuickBooks `time`). The first page's watermark becomes the next run's starting point, so a
 * run over old records still leaves a recent checkpoint (QuickBooks CDC then applies).
 */
export type PullPage = { records: RemoteRecord[]; next: SyncCursor | null; total?: number; watermark?: number };

/** A create (no `existing`) or update of one record, sent with an idempotency key derived from the change. */
export type PushRequest = {
  body: Record<string, unknown>;
  existing?: { externalId: string; version: string | null };
  idempotencyKey: string;
};
/** `stale`: the provider refused the update because the record changed there (QuickBooks SyncToken). */
export type PushResult = { record: RemoteRecord } | { stale: true };

/** The exports of `integrations/<id>/sync/<entity>.ts`. */
export type SyncEntityModule = {
  pull(api: SyncApi, req: PullRequest): Promise<PullPage>;
  /** Reads records by id (an invoice's customer that was not pulled yet; a stale push's re-read). */
  fetchByIds(api: SyncApi, ids: string[]): Promise<RemoteRecord[]>;
  push(api: SyncApi, req: PushRequest): Promise<PushResult>;
  /** The record's page at the provider, for the source badge. */
  externalUrl?(account: string, externalId: string): string;
};
