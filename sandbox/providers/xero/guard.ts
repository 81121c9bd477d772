import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { json, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { bearer, type Grant } from "../../core/tokens";
import type { XeroBooks, XeroStore } from "./store";

/** Xero's real limits: 60 calls a minute and 5,000 a day per tenant, 10,000 a minute per app. */
export const XERO_LIMITS = { minute: 60, day: 5000, appMinute: 10000 } as const;

/** Xero's problem-details error body (what api.xero.com answers for 401/403/429/5xx). */
export function problem(status: number, title: string, detail: string, headers?: Record<string, string>): SandboxResponse {
  return json(status, { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} }, headers);
}

export type XeroCall = { req: SandboxRequest; grant: Grant; books?: XeroBooks };

/**
 * Wraps a Xero API handler with what api.xero.com does before answering: injected faults,
 * bearer-token check, the xero-tenant-id header (accounting API only), and per-tenant rate
 * limits, whose remaining counts are sent on every answer as Xero does.
 */
export function guard(ctx: SandboxContext, store: XeroStore, opts: { tenant: boolean }, handler: (call: XeroCall) => SandboxResponse | Promise<SandboxResponse>) {
  return async (req: SandboxRequest): Promise<SandboxResponse> => {
    await ctx.faults.delay("xero");
    const burst = ctx.faults.takeError("xero");
    if (burst) return problem(burst, "Service Unavailable", "Injected fault: the Xero API is unavailable.");
    const v = ctx.tokens.verify("xero", bearer(req.headers.authorization));
    if (!v.ok) {
      const detail = v.reason === "expired" ? `TokenExpired: token expired at ${new Date().toUTCString()}` : v.reason === "revoked" ? "TokenRevoked: the token has been revoked" : "AuthenticationUnsuccessful";
      return problem(401, "Unauthorized", detail, { "www-authenticate": `Bearer error="invalid_token"` });
    }
    if (!opts.tenant) return handler({ req, grant: v.grant });
    const tenantId = String(req.headers["xero-tenant-id"] ?? "");
    if (!tenantId) return problem(403, "Forbidden", "AuthenticationUnsuccessful");
    const connected = (store.connections.get(v.grant.accountId) ?? []).some((c) => c.tenantId === tenantId);
    const books = store.books.get(tenantId);
    if (!connected || !books) return problem(403, "Forbidden", "AuthorizationUnsuccessful");

    const minute = ctx.faults.rate("xero", tenantId, { limit: XERO_LIMITS.minute, windowSeconds: 60 });
    // rateLimit 0 ("no limit", e.g. for a bench) switches the day and app limits off too.
    const unlimited = ctx.faults.get("xero").rateLimit === 0;
    const day = ctx.faults.rate("xero-day", tenantId, { limit: unlimited ? 0 : XERO_LIMITS.day, windowSeconds: 86400 });
    const app = ctx.faults.rate("xero-app", v.grant.clientId, { limit: unlimited ? 0 : XERO_LIMITS.appMinute, windowSeconds: 60 });
    const headers = {
      "x-minlimit-remaining": String(minute.remaining),
      "x-daylimit-remaining": String(day.remaining),
      "x-appminlimit-remaining": String(app.remaining),
    };
    const hit = minute.limited ? { p: "minute", r: minute } : day.limited ? { p: "day", r: day } : app.limited ? { p: "appminute", r: app } : undefined;
    if (hit) {
      return problem(429, "Too Many Requests", `Rate limit exceeded: ${hit.p}`, { ...headers, "retry-after": String(hit.r.retryAfterSeconds), "x-rate-limit-problem": hit.p });
    }
    const res = await handler({ req, grant: v.grant, books });
    // Fault "apply then time out": the write above is applied; its answer arrives late as a 504.
    const hold = req.method !== "GET" && res.status < 400 ? ctx.faults.takeApplyThenTimeout("xero") : undefined;
    if (hold !== undefined) {
      await ctx.faults.hold(hold);
      return problem(504, "Gateway Timeout", "Injected fault: the request timed out after it was applied.", headers);
    }
    return { ...res, headers: { ...headers, ...(res.headers ?? {}) } };
  };
}
