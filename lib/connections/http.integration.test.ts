// The provider HTTP client against the sandbox over HTTP: Xero's per-tenant limit is enforced
// there (lowered through /_control so the test takes seconds, not minutes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getManifest } from "@/integrations";
import type { RateLimit } from "@/integrations/manifest-schema";
import { ProviderPacer } from "@/lib/providers/pacer";
import { control, startOAuthEmulators } from "@/sandbox/testing/harness";
import { XERO_TENANTS } from "@/sandbox/providers/xero/seed";
import type { RunningSandbox } from "@/sandbox/server";
import { IntegrationError } from "./errors";
import { providerJson } from "./http";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startOAuthEmulators({ xeroInvoices: 3 });
});
afterAll(async () => sb?.close());

const xeroRateLimit = getManifest("xero")!.rateLimit;

/** Fresh Xero state with the sandbox enforcing `limit` calls per `windowSeconds` per tenant; returns a token. */
async function prepare(limit: number, windowSeconds: number): Promise<string> {
  expect((await control(sb, "POST", "/reset", { provider: "xero" })).status).toBe(200);
  expect((await control(sb, "POST", "/faults", { provider: "xero", rateLimit: limit, rateWindowSeconds: windowSeconds })).status).toBe(200);
  return String((await control(sb, "POST", "/tokens", { provider: "xero" })).body.access_token);
}

const invoicesUrl = () => `${sb.origin}/xero/api/api.xro/2.0/Invoices?page=1`;
const headers = (token: string, tenant: string) => ({ authorization: `Bearer ${token}`, "xero-tenant-id": tenant, accept: "application/json" });

/** A call through the client, paced for `tenant` with `rateLimit`; resolves to "ok" or the error code. */
async function paced(token: string, tenant: string, rateLimit: RateLimit, pacer: ProviderPacer): Promise<string> {
  try {
    await providerJson(invoicesUrl(), { headers: headers(token, tenant), pace: { endpoints: { provider: "xero", rateLimit }, account: tenant, pacer } });
    return "ok";
  } catch (err) {
    if (err instanceof IntegrationError) return err.code;
    throw err;
  }
}

describe("provider HTTP client: pacing and rate-limit headers", () => {
  it("paces a burst inside the account's budget instead of provoking a storm of 429s", async () => {
    const token = await prepare(4, 2);
    // Unpaced, the same burst is mostly refused: the sandbox's limit is real.
    const raw = await Promise.all(Array.from({ length: 10 }, () => fetch(invoicesUrl(), { headers: headers(token, XERO_TENANTS[0].tenantId) })));
    expect(raw.filter((r) => r.status === 429).length).toBe(6);
    // Paced with the budget the sandbox enforces, on the other tenant: every call goes through.
    const pacer = new ProviderPacer();
    const budget = { ...xeroRateLimit, budgets: [{ requests: 4, perSeconds: 2 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => paced(token, XERO_TENANTS[1].tenantId, budget, pacer)));
    expect(results).toEqual(Array(10).fill("ok"));
  });

  it("turns a 429 into RATE_LIMITED with retryAfterSeconds, and holds the account's next call until then", async () => {
    const token = await prepare(2, 3);
    const tenant = XERO_TENANTS[0].tenantId;
    const pacer = new ProviderPacer();
    // A provider whose budget we do not know: only the answers tell.
    const headersOnly: RateLimit = { retryAfterHeader: "retry-after", budgets: [] };
    expect(await paced(token, tenant, headersOnly, pacer)).toBe("ok");
    expect(await paced(token, tenant, headersOnly, pacer)).toBe("ok");
    const err = await providerJson(invoicesUrl(), { headers: headers(token, tenant), pace: { endpoints: { provider: "xero", rateLimit: headersOnly }, account: tenant, pacer } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).code).toBe("RATE_LIMITED");
    expect((err as IntegrationError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((err as IntegrationError).retryAfterSeconds).toBeLessThanOrEqual(3);
    // Sent at once, this call would be refused again; the client waits out Retry-After first.
    expect(await paced(token, tenant, headersOnly, pacer)).toBe("ok");
  });

  it("adopts the provider's X-MinLimit-Remaining when others spent the budget, and waits at 0", async () => {
    const token = await prepare(3, 2);
    const tenant = XERO_TENANTS[0].tenantId;
    // Another process spends two of the tenant's three calls.
    for (let i = 0; i < 2; i++) expect((await fetch(invoicesUrl(), { headers: headers(token, tenant) })).status).toBe(200);
    // Our budget believes there is plenty of room; the header says otherwise after the first answer.
    const pacer = new ProviderPacer();
    const generous = { ...xeroRateLimit, budgets: [{ requests: 50, perSeconds: 2 }] };
    const results: string[] = [];
    for (let i = 0; i < 4; i++) results.push(await paced(token, tenant, generous, pacer));
    expect(results).toEqual(["ok", "ok", "ok", "ok"]);
  });
});
