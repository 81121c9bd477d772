/** PayPal plumbing shared by the routes: the error shape, auth, faults, ids and money. */
import { randomBytes } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { json, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { bearer } from "../../core/tokens";

export const API = "/paypal/api";
export const debugId = () => randomBytes(6).toString("hex");

/** PayPal's error body: `{ name, message, debug_id, details[], links[] }`. */
export function ppError(status: number, name: string, message: string, details: { issue: string; description?: string; field?: string; location?: string }[] = [], headers?: Record<string, string>): SandboxResponse {
  return json(status, {
    name, message, debug_id: debugId(), ...(details.length ? { details } : {}),
    links: [{ href: `https://developer.paypal.com/docs/api/overview/#error`, rel: "information_link", method: "GET" }],
  }, { "paypal-debug-id": debugId(), ...headers });
}

export const notFound = () => ppError(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.", [{ issue: "INVALID_RESOURCE_ID", description: "Specified resource ID does not exist. Please check the resource ID and try again." }]);
export const unprocessable = (issue: string, description: string) => ppError(422, "UNPROCESSABLE_ENTITY", "The requested action could not be performed, semantically incorrect, or failed business validation.", [{ issue, description }]);

/** Bearer auth, injected 5xx bursts, latency and the rate limit, in PayPal's shapes. */
export async function guard(ctx: SandboxContext, req: SandboxRequest): Promise<SandboxResponse | undefined> {
  await ctx.faults.delay("paypal");
  const v = ctx.tokens.verify("paypal", bearer(req.headers.authorization));
  if (!v.ok) {
    return json(401, { error: "invalid_token", error_description: v.reason === "expired" ? "Access Token expired" : "Token signature verification failed" }, { "www-authenticate": 'Bearer realm="paypal"' });
  }
  const burst = ctx.faults.takeError("paypal");
  if (burst) return ppError(burst, burst === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR", "An internal server error has occurred (injected by the sandbox).");
  const rate = ctx.faults.rate("paypal", v.grant.clientId, { limit: 0, windowSeconds: 60 });
  if (rate.limited) return ppError(429, "RATE_LIMIT_REACHED", "Too many requests. Blocked due to rate limiting.", [], { "retry-after": String(rate.retryAfterSeconds) });
  return undefined;
}

/** A PayPal-looking id: uppercase alphanumerics. */
export function ppId(prefix: string, n: number, len = 17): string {
  return `${prefix}${String(n).padStart(len - prefix.length, "0")}`.slice(0, Math.max(len, prefix.length + 1));
}

export const money = (currency: string, value: number) => ({ currency_code: currency, value: value.toFixed(2) });
export const iso = (d = new Date()) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
