/**
 * What every Stripe route handler shares: the store, the event emitter, the sandbox context,
 * plus the request plumbing (auth, faults, rate limit, idempotency) applied on Stripe's port.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { sandboxApps, sandboxStripeAccounts } from "../../config";
import type { SandboxContext } from "../../core/context";
import type { Handler, Router, SandboxRequest, SandboxResponse } from "../../core/http";
import { stripeError } from "./errors";
import { parseStripeForm, type FormObject } from "./form";
import { StripeStore } from "./store";
import { StripeEvents } from "./webhooks";

/** Stripe's documented default: 100 read and 100 write operations per second in live mode. */
export const STRIPE_RATE_LIMIT = { limit: 100, windowSeconds: 1 };

/** The account of the request being handled (from its secret key); the first account otherwise. */
const currentAccount = new AsyncLocalStorage<string>();

/** The sandbox Stripe account a secret key belongs to, if any. */
export const accountForKey = (key: string | undefined) => sandboxStripeAccounts.find((a) => a.secretKey === key);

export class StripeState {
  private readonly stores = new Map<string, StripeStore>(sandboxStripeAccounts.map((a) => [a.id, new StripeStore()]));
  /**
   * The current account's data. Route handlers keep this reference from mount time, so it is a
   * view that resolves the account per request (see `runAs`), keeping each account's data apart.
   */
  readonly store: StripeStore = new Proxy({} as StripeStore, {
    get: (_t, prop) => {
      const target = this.accountStore();
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  readonly events: StripeEvents;
  ctx!: SandboxContext;

  /** Runs `fn` with `accountId` as the current account. */
  runAs<T>(accountId: string, fn: () => T): T {
    return currentAccount.run(accountId, fn);
  }

  private accountStore(): StripeStore {
    return this.stores.get(currentAccount.getStore() ?? sandboxStripeAccounts[0].id)!;
  }

  /** Empties every account's data. */
  resetAll() {
    for (const s of this.stores.values()) s.reset();
  }

  constructor() {
    this.events = new StripeEvents(this.store, () => {
      const url = this.ctx?.webhookTargets.get("stripe");
      return url ? [{ url, secret: sandboxApps.stripe.webhookSecret, enabledEvents: ["*"] }] : [];
    });
  }
}

/** Request parameters: the query for GET/DELETE, the bracket-syntax form body otherwise. */
export function params(req: SandboxRequest): FormObject {
  if (req.method === "GET" || req.method === "DELETE") return parseStripeForm(req.query.toString());
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("json") && req.rawBody) {
    try {
      return JSON.parse(req.rawBody) as FormObject;
    } catch {
      return {};
    }
  }
  return parseStripeForm(req.rawBody);
}

/** The secret key from `Authorization: Bearer sk_…` or Basic auth (key as the user name). */
export function apiKey(req: SandboxRequest): string | undefined {
  const h = String(req.headers.authorization ?? "");
  const b = /^Bearer\s+(.+)$/i.exec(h);
  if (b) return b[1].trim();
  const basic = /^Basic\s+(.+)$/i.exec(h);
  if (basic) return Buffer.from(basic[1], "base64").toString("utf8").split(":")[0];
  return undefined;
}

const mask = (key: string) => {
  const m = /^(sk_(?:test|live)_|rk_(?:test|live)_)?(.*)$/.exec(key);
  const body = m?.[2] ?? key;
  return `${m?.[1] ?? ""}${"*".repeat(Math.max(4, body.length - 4))}${body.slice(-4)}`;
};

/** Auth, injected faults, latency and the rate limit, in Stripe's own error shapes. */
export function installMiddleware(router: Router, state: StripeState) {
  router.use("/v1", async (req) => {
    const faults = state.ctx.faults;
    await faults.delay("stripe");
    const key = apiKey(req);
    if (!key) {
      return stripeError(401, "invalid_request_error", "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.");
    }
    if (!accountForKey(key)) {
      return stripeError(401, "invalid_request_error", `Invalid API Key provided: ${mask(key)}`);
    }
    const status = faults.takeError("stripe");
    if (status) return stripeError(status, "api_error", "An unknown error occurred (injected by the sandbox).");
    const rate = faults.rate("stripe", key, STRIPE_RATE_LIMIT);
    if (rate.limited) {
      return stripeError(429, "invalid_request_error", "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", { code: "rate_limit" });
    }
    return undefined;
  });
}

/**
 * Honours `Idempotency-Key` on POSTs: the same key and body replay the first response (with
 * `Idempotent-Replayed: true`); the same key with different parameters is an idempotency_error.
 */
export function idempotent(state: StripeState, handler: Handler): Handler {
  return async (req) => {
    const raw = req.headers["idempotency-key"];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key) return handler(req);
    const fingerprint = `${req.method} ${req.path} ${req.rawBody}`;
    const seen = state.store.idempotency.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        return stripeError(400, "idempotency_error", `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
      }
      return { status: seen.status, body: seen.body, headers: { "idempotency-key": key, "idempotent-replayed": "true" } };
    }
    const res: SandboxResponse = await handler(req);
    if (res.status < 500) state.store.idempotency.set(key, { fingerprint, status: res.status, body: res.body });
    return { ...res, headers: { ...res.headers, "idempotency-key": key } };
  };
}
