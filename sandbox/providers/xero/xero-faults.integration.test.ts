import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { control, startOAuthEmulators, startReceiver } from "../../testing/harness";
import type { RunningSandbox } from "../../server";
import { XERO_TENANTS } from "./seed";

let sb: RunningSandbox;
beforeAll(async () => { sb = await startOAuthEmulators({ xeroInvoices: 10 }); });
afterAll(async () => { await sb.close(); });

const mint = async () => (await control(sb, "POST", "/tokens", { provider: "xero" })).body.access_token as string;
const get = (token: string, path = "/Organisation", tenant: string | null = XERO_TENANTS[0].tenantId) =>
  fetch(`${sb.origin}${sandboxPaths.xero.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...(tenant ? { "xero-tenant-id": tenant } : {}) } });
const sign = (body: string) => createHmac("sha256", sandboxApps.xero.webhookKey).update(body).digest("base64");

describe("Xero limits, faults and webhooks", () => {
  it("answers the 61st call in a minute with 429, Retry-After and Xero's limit headers", async () => {
    await control(sb, "POST", "/reset", { provider: "xero" });
    const token = await mint();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) {
      last = await get(token);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.headers.get("x-minlimit-remaining")).toBe("0");
    expect(last!.headers.get("x-rate-limit-problem")).toBe("minute");
    expect(last!.headers.get("x-daylimit-remaining")).toBe("4939");
    // The limit is per tenant: the other organisation is not limited.
    expect((await get(token, "/Organisation", XERO_TENANTS[1].tenantId)).status).toBe(200);
  });

  it("needs xero-tenant-id and answers Xero's problem shape when it is missing", async () => {
    const res = await get(await mint(), "/Invoices", null);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ Title: "Forbidden", Status: 403, Detail: "AuthenticationUnsuccessful" });
  });

  it("answers an injected 5xx burst, then recovers; latency delays answers", async () => {
    await control(sb, "POST", "/reset", { provider: "xero" });
    const token = await mint();
    expect((await control(sb, "POST", "/faults", { provider: "xero", errorBurst: 2, errorStatus: 502 })).status).toBe(200);
    expect([(await get(token)).status, (await get(token)).status, (await get(token)).status]).toEqual([502, 502, 200]);
    await control(sb, "POST", "/faults", { provider: "xero", latencyMs: 300 });
    const t0 = Date.now();
    expect((await get(token)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await control(sb, "DELETE", "/faults?provider=xero");
  });

  it("answers 401 in Xero's shape for expired and revoked tokens", async () => {
    const token = await mint();
    await control(sb, "POST", "/faults", { provider: "xero", expireTokens: true });
    const expired = await get(token);
    expect(expired.status).toBe(401);
    expect((await expired.json()).Detail).toMatch(/^TokenExpired/);
    const fresh = await mint();
    await control(sb, "POST", "/faults", { provider: "xero", revokeTokens: true });
    const revoked = await get(fresh);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain("invalid_token");
  });

  it("a rate-limit fault overrides the real limit", async () => {
    await control(sb, "POST", "/reset", { provider: "xero" });
    const token = await mint();
    await control(sb, "POST", "/faults", { provider: "xero", rateLimit: 2, rateWindowSeconds: 30 });
    expect([(await get(token)).status, (await get(token)).status, (await get(token)).status]).toEqual([200, 200, 429]);
    await control(sb, "DELETE", "/faults");
  });

  it("'apply then time out': the write is applied, the answer comes late as a 504; a retry with the same Idempotency-Key gets the first answer", async () => {
    await control(sb, "POST", "/reset", { provider: "xero" });
    const token = await mint();
    const put = (key: string, name = "Timed Out Ltd") => fetch(`${sb.origin}${sandboxPaths.xero.apiBaseUrl}/Contacts`, {
      method: "PUT", headers: { authorization: `Bearer ${token}`, "xero-tenant-id": XERO_TENANTS[0].tenantId, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ Contacts: [{ Name: name }] }),
    });
    const count = async () => (await (await get(token, `/Contacts?where=${encodeURIComponent('Name.StartsWith("Timed Out")')}`)).json()).Contacts.length as number;
    expect((await control(sb, "POST", "/faults", { provider: "xero", applyThenTimeout: 1, applyTimeoutMs: 250 })).body.faults).toMatchObject({ applyThenTimeout: 1, applyTimeoutMs: 250 });
    const t0 = Date.now();
    const first = await put("k-timeout-1");
    expect(first.status).toBe(504);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    expect(await count()).toBe(1); // applied although the answer failed
    const retry = await put("k-timeout-1");
    expect(retry.status).toBe(200);
    expect((await retry.json()).Contacts[0].Name).toBe("Timed Out Ltd");
    expect(await count()).toBe(1);
    // Only the next N writes are affected; reads never are.
    expect((await put("k-timeout-2", "Timed Out Two Ltd")).status).toBe(200);
    expect(await count()).toBe(2);
    await control(sb, "DELETE", "/faults?provider=xero");
  });

  it("seeds 2,000 invoices and 500 contacts in one control call", async () => {
    await control(sb, "POST", "/reset", { provider: "xero" });
    const seeded = await control(sb, "POST", "/seed", { provider: "xero", invoices: 2000, contacts: 500 });
    expect(seeded.status).toBe(200);
    expect(seeded.body).toEqual({ provider: "xero", created: { contacts: 500, invoices: 2000 } });
    await control(sb, "POST", "/faults", { provider: "xero", rateLimit: 0 });
    const token = await mint();
    const page = await (await get(token, "/Invoices?page=1&pageSize=1")).json();
    expect(page.pagination.itemCount).toBe(2010); // 10 from the emulator's start plus 2,000
    const contacts = await (await get(token, "/Contacts?page=1&pageSize=1")).json();
    expect(contacts.pagination.itemCount).toBe(530);
    expect((await control(sb, "POST", "/seed", { provider: "xero" })).status).toBe(400);
    expect((await control(sb, "POST", "/seed", { provider: "xero", invoices: "many" })).status).toBe(400);
    await control(sb, "POST", "/reset", { provider: "xero" });
  });

  it("sends a signed webhook when an invoice changes, and runs intent-to-receive", async () => {
    const receiver = await startReceiver(({ headers, body }) => (headers["x-xero-signature"] === sign(body) ? 200 : 401));
    try {
      await control(sb, "POST", "/webhooks", { provider: "xero", url: receiver.url });
      const changed = await control(sb, "POST", "/change", { provider: "xero", entity: "invoice", fields: { Reference: "Changed by test" } });
      expect(changed.status).toBe(200);
      expect(changed.body.delivery.status).toBe(200);
      const hit = receiver.received.at(-1)!;
      const payload = JSON.parse(hit.body);
      expect(payload.events[0]).toMatchObject({ eventCategory: "INVOICE", eventType: "UPDATE", tenantId: XERO_TENANTS[0].tenantId, resourceId: changed.body.record.InvoiceID, tenantType: "ORGANISATION" });
      expect(payload.lastEventSequence).toBeGreaterThanOrEqual(payload.firstEventSequence);
      expect(typeof payload.entropy).toBe("string");
      expect(hit.headers["x-xero-signature"]).toBe(sign(hit.body));

      // Items have no Xero webhook category: changed, but nothing is sent.
      const before = receiver.received.length;
      const item = await control(sb, "POST", "/change", { provider: "xero", entity: "items", fields: { Description: "Changed by test" } });
      expect(item.status).toBe(200);
      expect(item.body.record.Description).toBe("Changed by test");
      expect(item.body.delivery).toBeUndefined();
      expect(receiver.received.length).toBe(before);
      expect((await control(sb, "POST", "/change", { provider: "xero", entity: "spaceship" })).status).toBe(400);

      const intent = await control(sb, "POST", "/xero/intent-to-receive", {});
      expect(intent.body).toEqual({ ok: true, correctSignature: 200, incorrectSignature: 401 });
    } finally {
      await receiver.close();
    }
  });
});
