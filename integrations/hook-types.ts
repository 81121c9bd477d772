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
export type HookContext = { endpoints: ProviderEndpoints; pacer?: CallPacer };

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

// ── Inbound webhooks (lib/inbound dispatches to each provider's `webhooks.ts`) ──

/** A parsed, not yet verified delivery: JSON, or a form body (Slack) as fields (`payload` JSON-parsed). */
export type InboundBody = { raw: string; json: unknown; contentType: string; headers: Headers };

/**
 * What a provider's `describe` reads from a delivery: the account ids it routes by (Xero
 * tenantId, QuickBooks realmId, Slack team_id, Stripe `account`, HubSpot portalId), its event
 * id (absent: the engine hashes the body) and type, and any answer the provider expects instead
 * of a plain 200 (Slack's url_verification challenge, Xero's empty body).
 */
export type InboundDelivery = {
  accountIds: string[];
  eventId?: string;
  type: string;
  /** false for handshakes that are answered but not stored (Xero intent-to-receive). */
  store?: boolean;
  reply?: { status: number; body: string; contentType?: string };
};
export type DescribeDelivery = (body: InboundBody) => InboundDelivery;

/** A payment as a provider reports it, in minor units. */
export type InboundPayment = { amount: number; currency: string; reference: string; at: Date };

/** An invoice of the app, as webhook handlers see it. */
export type InboundInvoice = { id: string; number: string; currency: string; total: number; amountPaid: number; status: string };

/**
 * The app's invoices for one verified delivery's organisation, acting as the webhook actor in the
 * processing transaction (so the change, its outbox events and the event's new status commit together).
 * Payments and refunds are idempotent per `reference`.
 */
export type InboundInvoices = {
  /** By app invoice id or number, else by the reference of a payment this provider recorded on it. */
  find(ref: { id?: string | null; number?: string | null; paymentReference?: string | null }): Promise<InboundInvoice | null>;
  recordPayment(invoiceId: string, p: InboundPayment): Promise<{ paymentId: string; duplicate: boolean; invoiceStatus: string }>;
  /** `amount` is the total refunded under `reference` so far; the difference to what is booked is recorded. */
  recordRefund(invoiceId: string, p: InboundPayment): Promise<{ paymentId: string; duplicate: boolean; invoiceStatus: string }>;
  flagDispute(invoiceId: string, d: InboundPayment & { reason?: string }): Promise<void>;
};

/** A provider record that changed (Xero/QuickBooks), for an incremental sync of just those records. */
export type EntityChange = { accountId: string; entity: string; id: string; operation: string };

/** What processing one stored event ended in. */
export type InboundOutcome =
  | { status: "processed"; result?: Record<string, unknown> }
  | { status: "ignored"; reason: string; result?: Record<string, unknown> };

export type InboundHandlerContext = {
  provider: string;
  connectionId: string;
  externalAccountId: string | null;
  invoices: InboundInvoices;
  /** Hands changed provider records to the sync engine (lib/inbound's onProviderEntityChanges hook). */
  entityChanges(changes: EntityChange[]): Promise<InboundOutcome>;
};

/** Processes one stored event; throws to have it retried (and, after the last attempt, `failed`). */
export type HandleInboundEvent = (ctx: InboundHandlerContext, event: { eventId: string; type: string; payload: unknown }) => Promise<InboundOutcome>;

/**
 * Providers verified by a call to the provider (PayPal's verify-webhook-signature): true when
 * the provider confirms the delivery. `creds` are the connection's, `webhookId` the configured id.
 */
export type VerifyByApi = (ctx: HookContext, input: { creds: Credentials | null; webhookId: string; body: InboundBody }) => Promise<boolean>;
// ── Sync (lib/sync drives these; each provider's `sync/<entity>.ts` implements one) ──────────

/** Whose budget a provider call spends: the provider and the provider account (Xero tenant, QuickBooks realm…). */
export type PaceKey = { provider: string; account: string };

/**
 * Keeps one provider account's calls inside its budgets (lib/providers/pacer.ts implements it).
 * The hub hands sync modules one whose counts live in its database, so every job of every process
 * spends the same budget.
 */
export interface CallPacer {
  acquire(key: PaceKey, rateLimit: RateLimit): Promise<void>;
  observe(key: PaceKey, rateLimit: RateLimit, headers: Headers): Promise<void>;
  pause(key: PaceKey, seconds: number, rateLimit?: RateLimit): Promise<void>;
}

/** How a provider sync module calls the provider for one connection. */
export type SyncApi = {
  endpoints: ProviderEndpoints;
  /** The provider account the calls act on and are paced by (Xero tenant id, QuickBooks realm id). */
  account: string;
  /** The pacer the calls wait on (the hub's shared one); the process's own when absent. */
  pacer?: CallPacer;
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

/** One entry of a provider's lookup list (a tax rate, an account) that a mapping may pick. */
export type LookupRecord = { externalId: string; code: string; name: string; detail: string | null; active: boolean; raw: Record<string, unknown> };

/** The exports of `integrations/<id>/sync/{tax_rates,accounts}.ts`: lists pulled whole, never pushed. */
export type SyncLookupModule = { pullLookup(api: SyncApi): Promise<LookupRecord[]> };

/** The exports of `integrations/<id>/sync/<entity>.ts`. */
export type SyncEntityModule = {
  pull(api: SyncApi, req: PullRequest): Promise<PullPage>;
  /** Reads records by id (an invoice's customer that was not pulled yet; a stale push's re-read). */
  fetchByIds(api: SyncApi, ids: string[]): Promise<RemoteRecord[]>;
  push(api: SyncApi, req: PushRequest): Promise<PushResult>;
  /** The record's page at the provider, for the source badge. */
  externalUrl?(account: string, externalId: string): string;
};
