import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { control, startOAuthEmulators, startReceiver } from "../../testing/harness";
import type { RunningSandbox } from "../../server";
import { QBO_REALMS } from "./seed";

let sb: RunningSandbox;
beforeAll(async () => { sb = await startOAuthEmulators({ xeroInvoices: 1 }); });
afterAll(async () => { await sb.close(); });

const mint = async (account: string = QBO_REALMS[0].realmId) => (await control(sb, "POST", "/tokens", { provider: "quickbooks", account })).body.access_token as string;
async function api(token: string, p: string, body?: unknown, realm: string = QBO_REALMS[0].realmId) {
  const res = await fetch(`${sb.origin}${sandboxPaths.quickbooks.apiBaseUrl}/v3/company/${realm}${p}`, {
    method: body ? "POST" : "GET", headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const query = (token: string, q: string) => api(token, `/query?query=${encodeURIComponent(q)}&minorversion=75`);

describe("QuickBooks Online API", () => {
  it("pages a query with startposition/maxresults and counts with count(*)", async () => {
    const t = await mint();
    const count = (await query(t, "select count(*) from Invoice")).body.QueryResponse.totalCount;
    expect(count).toBe(120);
    const ids: string[] = [];
    for (let start = 1; ; start += 50) {
      const page = (await query(t, `select * from Invoice orderby Id startposition ${start} maxresults 50`)).body.QueryResponse;
      if (!page.Invoice) break;
      ids.push(...page.Invoice.map((i: { Id: string }) => i.Id));
    }
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    const bad = await query(t, "select * from Invoice where");
    expect(bad.status).toBe(400);
    expect(bad.body.Fault.Error[0].code).toBe("4000");
  });

  it("filters on Metadata.LastUpdatedTime and reports changes through CDC, deletes included", async () => {
    const t = await mint();
    const since = new Date(Date.now() - 1000).toISOString();
    const cust = (await query(t, "select * from Customer maxresults 1")).body.QueryResponse.Customer[0];
    await api(t, "/customer", { Id: cust.Id, SyncToken: cust.SyncToken, sparse: true, Notes: "changed" });
    const inv = (await query(t, "select * from Invoice maxresults 1")).body.QueryResponse.Invoice[0];
    const del = await api(t, "/invoice?operation=delete", { Id: inv.Id, SyncToken: inv.SyncToken });
    expect(del.body.Invoice).toMatchObject({ Id: inv.Id, status: "Deleted" });
    const changed = (await query(t, `select * from Customer where Metadata.LastUpdatedTime > '${since}'`)).body.QueryResponse.Customer;
    expect(changed.map((c: { Id: string }) => c.Id)).toEqual([cust.Id]);
    const cdc = (await api(t, `/cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent(since)}`)).body.CDCResponse[0].QueryResponse;
    expect(cdc[0].Customer.map((c: { Id: string }) => c.Id)).toEqual([cust.Id]);
    expect(cdc[1].Invoice.map((c: { Id: string; status?: string }) => [c.Id, c.status])).toContainEqual([inv.Id, "Deleted"]);
  });

  it("guards updates with SyncToken: a stale one gets Fault 5010", async () => {
    const t = await mint();
    const item = (await query(t, "select * from Item maxresults 1")).body.QueryResponse.Item[0];
    const ok = await api(t, "/item", { Id: item.Id, SyncToken: item.SyncToken, sparse: true, UnitPrice: 42 });
    expect(ok.body.Item).toMatchObject({ UnitPrice: 42, SyncToken: String(Number(item.SyncToken) + 1), Name: item.Name });
    const stale = await api(t, "/item", { Id: item.Id, SyncToken: item.SyncToken, sparse: true, UnitPrice: 43 });
    expect(stale.status).toBe(400);
    expect(stale.body.Fault).toMatchObject({ type: "ValidationFault", Error: [{ code: "5010", Message: "Stale Object Error" }] });
  });

  it("answers 401 Fault 3200 for expired and revoked tokens, 403 for another company", async () => {
    const t = await mint();
    expect((await api(t, "/companyinfo/1", undefined, QBO_REALMS[1].realmId)).status).toBe(403);
    await control(sb, "POST", "/faults", { provider: "quickbooks", expireTokens: true });
    const expired = await api(t, `/companyinfo/${QBO_REALMS[0].realmId}`);
    expect(expired.status).toBe(401);
    expect(expired.body.Fault).toMatchObject({ type: "AUTHENTICATION", Error: [{ code: "3200", Message: expect.stringContaining("AuthenticationFailed") }] });
    const t2 = await mint();
    await control(sb, "POST", "/faults", { provider: "quickbooks", revokeTokens: true });
    expect((await api(t2, `/companyinfo/${QBO_REALMS[0].realmId}`)).body.Fault.Error[0].code).toBe("3200");
  });

  it("limits each realm to 500 calls a minute (429), the other realm unaffected; 5xx bursts recover", async () => {
    await control(sb, "POST", "/reset", { provider: "quickbooks" });
    const t = await mint();
    const statuses: number[] = [];
    for (let i = 0; i < 501; i++) statuses.push((await api(t, `/companyinfo/${QBO_REALMS[0].realmId}`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(500);
    expect(statuses[500]).toBe(429);
    expect((await api(await mint(QBO_REALMS[1].realmId), `/companyinfo/${QBO_REALMS[1].realmId}`, undefined, QBO_REALMS[1].realmId)).status).toBe(200);
    await control(sb, "POST", "/reset", { provider: "quickbooks" });
    const t2 = await mint();
    await control(sb, "POST", "/faults", { provider: "quickbooks", errorBurst: 1 });
    const first = await api(t2, `/companyinfo/${QBO_REALMS[0].realmId}`);
    expect(first.status).toBe(503);
    expect(first.body.Fault.type).toBe("SystemFault");
    expect((await api(t2, `/companyinfo/${QBO_REALMS[0].realmId}`)).status).toBe(200);
  });

  it("sends intuit-signature webhooks in the legacy and CloudEvents formats", async () => {
    const receiver = await startReceiver();
    try {
      await control(sb, "POST", "/webhooks", { provider: "quickbooks", url: receiver.url });
      const legacy = await control(sb, "POST", "/change", { provider: "quickbooks", entity: "Customer", fields: { Notes: "webhook" } });
      expect(legacy.body.delivery.status).toBe(200);
      const cloud = await control(sb, "POST", "/change", { provider: "quickbooks", entity: "Invoice", format: "cloudevents", fields: { PrivateNote: "x" } });
      expect(cloud.body.delivery.status).toBe(200);
      const [a, b] = receiver.received.slice(-2);
      for (const r of [a, b]) expect(r.headers["intuit-signature"]).toBe(createHmac("sha256", sandboxApps.quickbooks.webhookVerifierToken).update(r.body).digest("base64"));
      expect(JSON.parse(a.body).eventNotifications[0]).toMatchObject({ realmId: QBO_REALMS[0].realmId, dataChangeEvent: { entities: [{ name: "Customer", id: legacy.body.record.Id, operation: "Update" }] } });
      expect(JSON.parse(b.body)[0]).toMatchObject({ specversion: "1.0", type: "qbo.invoice.updated.v1", intuitentityid: cloud.body.record.Id, intuitaccountid: QBO_REALMS[0].realmId });
    } finally {
      await receiver.close();
    }
  });
});
