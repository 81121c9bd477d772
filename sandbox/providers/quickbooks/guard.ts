import type { SandboxContext } from "../../core/context";
import { json, type SandboxRequest, type SandboxResponse } from "../../core/http";
import { bearer, type Grant } from "../../core/tokens";
import type { QboFault } from "./entities";
import type { QboCompany, QboStore } from "./store";
import { qboDateTime } from "./time";

/** QuickBooks Online's limit: 500 requests a minute per realm. */
export const QBO_LIMIT_PER_MINUTE = 500;

/** QuickBooks' Fault body. */
export function fault(f: QboFault): SandboxResponse {
  return json(f.status, {
    Fault: { Error: [{ Message: f.message, Detail: f.detail, code: f.code, ...(f.element ? { element: f.element } : {}) }], type: f.type ?? "ValidationFault" },
    time: qboDateTime(Date.now()),
  }, { intuit_tid: crypto.randomUUID() });
}

export type QboCall = { req: SandboxRequest; grant: Grant; company: QboCompany };

/**
 * What QuickBooks does before a company API call: injected faults, the bearer token (401
 * AuthenticationFailed 3200 when missing, expired or revoked), the token's realm against the
 * URL's (403), then the per-realm rate limit (429 ThrottleExceeded).
 */
export function guard(ctx: SandboxContext, store: QboStore, handler: (call: QboCall) => SandboxResponse | Promise<SandboxResponse>) {
  return async (req: SandboxRequest): Promise<SandboxResponse> => {
    await ctx.faults.delay("quickbooks");
    const burst = ctx.faults.takeError("quickbooks");
    if (burst) return fault({ status: burst, code: "10000", message: "An application error has occurred while processing your request", detail: "System Failure Error: injected fault", type: "SystemFault" });
    const v = ctx.tokens.verify("quickbooks", bearer(req.headers.authorization));
    if (!v.ok) {
      return fault({ status: 401, code: "3200", message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail: v.reason === "expired" ? "Token expired" : v.reason === "revoked" ? "Token revoked" : "Token invalid", type: "AUTHENTICATION" });
    }
    const realm = req.params.realm;
    const company = store.companies.get(realm);
    if (!company || v.grant.accountId !== realm) {
      return fault({ status: 403, code: "003100", message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", detail: `The token is not authorized for company ${realm}`, type: "AuthorizationFault" });
    }
    const r = ctx.faults.rate("quickbooks", realm, { limit: QBO_LIMIT_PER_MINUTE, windowSeconds: 60 });
    if (r.limited) {
      const res = fault({ status: 429, code: "003001", message: "message=ThrottleExceeded; errorCode=003001; statusCode=429", detail: "The request limit was reached.", type: "SERVICE" });
      return { ...res, headers: { ...res.headers, "retry-after": String(r.retryAfterSeconds) } };
    }
    const res = await handler({ req, grant: v.grant, company });
    // Fault "apply then time out": the write above is applied; its answer arrives late as a 504.
    const hold = req.method === "POST" && !req.path.endsWith("/query") && res.status < 400 ? ctx.faults.takeApplyThenTimeout("quickbooks") : undefined;
    if (hold !== undefined) {
      await ctx.faults.hold(hold);
      return fault({ status: 504, code: "10000", message: "An application error has occurred while processing your request", detail: "Injected fault: the request timed out after it was applied.", type: "SystemFault" });
    }
    return res;
  };
}
