import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectXero, control, closeWorld, createWorld, syncNow, type World } from "./test-support";

// CORRECTNESS UNDER A RATE LIMIT (not a speed benchmark): the sandbox enforces a reduced Xero limit
// of 10 calls per 10 s per tenant and the hub is told the same budget (HUB_RATE_LIMITS). A pull of
// 30 pages must finish with no refused call and no slower than 1.3× the least time the limit
// allows for that many calls. The bound is derived from the limit, not from a measured run.
const LIMIT = 10;
const WINDOW_S = 10;

let w: World;
let conn: { connectionId: string; tenantId: string };
const calls: { url: string; status: number; sentAt: number }[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  w = await createWorld();
  conn = await connectXero(w);
  // 30 seeded + 2,969 = 2,999 contacts: 30 pages (29 of 100, the last of 99).
  await control(w, "seed", { provider: "xero", entity: "Contacts", count: 2969, account: conn.tenantId });
  process.env.HUB_RATE_LIMITS = JSON.stringify({ xero: [{ requests: LIMIT, perSeconds: WINDOW_S }] });
  await control(w, "faults", { provider: "xero", rateLimit: LIMIT, rateWindowSeconds: WINDOW_S });
  // Every answer the sandbox's Xero API gives is recorded as it passes (the calls go through unchanged).
  globalThis.fetch = async (input, init) => {
    const sentAt = Date.now();
    const res = await realFetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes("/xero/api/api.xro/")) calls.push({ url, status: res.status, sentAt });
    return res;
  };
}, 120_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  delete process.env.HUB_RATE_LIMITS;
  await closeWorld(w);
});

describe("pacing under a reduced Xero limit (10 calls per 10 s)", () => {
  it("a 30-page pull finishes with no refused call within 1.3× the minimum time the limit allows", async () => {
    const started = Date.now();
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull", entity: "customers" });
    const elapsedS = (Date.now() - started) / 1000;
    expect(run).toMatchObject({ status: "succeeded", failed: 0, created: 2999 });
    expect(calls.length).toBeGreaterThanOrEqual(30);
    // No 429 (nor any other refusal) from the sandbox.
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);
    // N calls at L per W seconds: the last one cannot start before floor((N - 1) / L) windows.
    const minimumS = Math.floor((calls.length - 1) / LIMIT) * WINDOW_S;
    expect(minimumS).toBeGreaterThanOrEqual(20);
    expect(elapsedS).toBeLessThanOrEqual(1.3 * minimumS);
    // The pacer really held calls back (fixed windows from the first call): call k·L + 1 waited k windows.
    for (let k = 1; k * LIMIT < calls.length; k++) expect(calls[k * LIMIT]!.sentAt - calls[0]!.sentAt).toBeGreaterThanOrEqual(k * WINDOW_S * 1000);
    console.info(`paced pull: ${calls.length} calls in ${elapsedS.toFixed(1)} s (minimum ${minimumS} s, bound ${(1.3 * minimumS).toFixed(1)} s)`);
  }, 120_000);
});
