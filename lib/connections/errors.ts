/**
 * The one error taxonomy of integrations. Jobs retry what is `retryable` and stop on the rest;
 * people see the code's plain-language message, never a provider's raw response body.
 */
export const integrationErrorCodes = {
  AUTH_DENIED: { status: 400, retryable: false, message: "The connection was cancelled at the provider, so nothing was connected." },
  STATE_INVALID: { status: 400, retryable: false, message: "This sign-in link is not valid for your session. Start the connection again." },
  STATE_EXPIRED: { status: 400, retryable: false, message: "The sign-in took longer than 10 minutes. Start the connection again." },
  STATE_REPLAYED: { status: 400, retryable: false, message: "This sign-in link was already used. Start the connection again." },
  AUTH_EXPIRED: { status: 401, retryable: true, message: "The provider's access expired; the hub will refresh it and try again." },
  NEEDS_REAUTH: { status: 409, retryable: false, message: "The provider no longer accepts this connection. Reconnect it to continue." },
  TOO_MANY_ATTEMPTS: { status: 429, retryable: true, message: "Too many connection attempts for this organisation." },
  RATE_LIMITED: { status: 429, retryable: true, message: "The provider is limiting requests. The hub will try again shortly." },
  PROVIDER_ERROR: { status: 502, retryable: true, message: "The provider had a problem answering. Try again in a few minutes." },
  PROVIDER_UNREACHABLE: { status: 502, retryable: true, message: "The hub could not reach the provider. Check the address and try again." },
  INVALID_CREDENTIALS: { status: 400, retryable: false, message: "The provider refused these credentials." },
  INVALID_INPUT: { status: 400, retryable: false, message: "Some connection details are missing or not in the expected format." },
  NOT_CONNECTED: { status: 404, retryable: false, message: "This integration is not connected." },
  NOT_AVAILABLE: { status: 400, retryable: false, message: "This integration is coming soon and cannot be connected yet." },
  TENANT_CHOICE_REQUIRED: { status: 409, retryable: false, message: "Choose which organisation to connect." },
  UNKNOWN_PROVIDER: { status: 404, retryable: false, message: "There is no integration with this name." },
} as const;

export type IntegrationErrorCode = keyof typeof integrationErrorCodes;

export class IntegrationError extends Error {
  readonly code: IntegrationErrorCode;
  readonly retryable: boolean;
  readonly status: number;
  /** The provider's own error code (e.g. `invalid_grant`, Slack's `invalid_auth`), when it gave one. */
  readonly providerCode?: string;
  /** The provider's human-readable reason, safe to show (e.g. Stripe's "Invalid API Key provided"). */
  readonly providerMessage?: string;
  /** Seconds the provider asked us to wait (Retry-After), for RATE_LIMITED. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: IntegrationErrorCode,
    opts: { providerCode?: string; providerMessage?: string; retryAfterSeconds?: number; cause?: unknown; retryable?: boolean } = {},
  ) {
    const base = integrationErrorCodes[code];
    super(opts.providerMessage ? `${base.message} ${opts.providerMessage}` : base.message, { cause: opts.cause });
    this.name = "IntegrationError";
    this.code = code;
    this.status = base.status;
    this.retryable = opts.retryable ?? base.retryable;
    this.providerCode = opts.providerCode;
    this.providerMessage = opts.providerMessage;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  /** The JSON an API answers with: code, plain message, the provider's code/reason; never secrets. */
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.providerCode ? { providerCode: this.providerCode } : {}),
      ...(this.retryAfterSeconds ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

/**
 * What an HTTP answer from a provider endpoint called with stored credentials (a catch hook, a
 * key-authenticated API) means: 401/403 refused the credentials, 429 is a rate limit, 5xx is the
 * provider's own problem (retryable, the credentials may be fine), any other 4xx a refusal of
 * the request. `undefined` for a success.
 */
export function errorForHttpStatus(status: number, providerMessage?: string): IntegrationError | undefined {
  if (status < 400) return undefined;
  const opts = { providerCode: String(status), providerMessage };
  if (status === 429) return new IntegrationError("RATE_LIMITED", opts);
  if (status >= 500) return new IntegrationError("PROVIDER_ERROR", opts);
  // 401/403: refused credentials; 404/410 and other 4xx: the address or request is refused, which
  // for a hook or key means the same to the person fixing it (re-enter or replace it).
  return new IntegrationError("INVALID_CREDENTIALS", opts);
}

export const isIntegrationError = (e: unknown): e is IntegrationError => e instanceof IntegrationError;

/** Provider reasons can echo what was sent; trim and strip anything that looks like a token. */
export function safeProviderMessage(s: unknown): string | undefined {
  if (typeof s !== "string" || !s.trim()) return undefined;
  // Stripe already masks keys ("sk_test_****1234"); only unmasked key/token shapes are redacted.
  return s
    .replace(/\b(sk|rk|pk|whsec)_(test_|live_)?[A-Za-z0-9]{8,}/g, "[redacted]")
    .replace(/\bxox[abpre]-[A-Za-z0-9-]{8,}/g, "[redacted]")
    .slice(0, 300);
}
