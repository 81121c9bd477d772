import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { consent, control, startOAuthEmulators } from "../../testing/harness";
import { requireProviderSpecsDir } from "../../testing/provider-specs-dir";
import { qboXsd } from "../../testing/qbo-xsd";
import type { RunningSandbox } from "../../server";

let sb: RunningSandbox;
let token: string;
let realm: string;
beforeAll(async () => {
  sb = await startOAuthEmulators({ xeroInvoices: 1 });
  const t = (await control(sb, "POST", "/tokens", { provider: "quickbooks" })).body;
  token = t.access_token;
  realm = t.realmId;
});
afterAll(async () => { await sb.close(); });

const api = async (p: string, body?: unknown) => {
  const res = await fetch(`${sb.origin}${sandboxPaths.quickbooks.apiBaseUrl}/v3/company/${realm}${p}`, {
    method: body ? "POST" : "GET", headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const sample = (name: string) => JSON.parse(fs.readFileSync(path.join(requireProviderSpecsDir(), "quickbooks", name), "utf8").replace(/^\uFEFF/, ""));
/** The keys and JSON types of a sample, to compare a response's shape with it. */
const shape = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? "array" : typeof x]));

describe("QuickBooks entities validate against shapes derived from Finance.xsd", () => {
  it("every entity from query, read, create, update, cdc matches its XSD type", async () => {
    const xsd = qboXsd();
    const bodies: [string, unknown][] = [];
    for (const e of ["Customer", "Invoice", "Payment", "Item"]) {
      const q = await api(`/query?query=${encodeURIComponent(`select * from ${e} maxresults 20`)}&minorversion=75`);
      expect(q.status).toBe(200);
      for (const x of q.body.QueryResponse[e]) bodies.push([e, x]);
      bodies.push([e, (await api(`/${e.toLowerCase()}/${q.body.QueryResponse[e][0].Id}`)).body[e]]);
    }
    const cust = await api("/customer", { DisplayName: "XSD Check Ltd", PrimaryEmailAddr: { Address: "ap@xsd.example.com" } });
    bodies.push(["Customer", cust.body.Customer]);
    const item = await api("/item", { Name: "XSD item", Type: "Service", UnitPrice: 10, IncomeAccountRef: { value: "79" } });
    const inv = await api("/invoice", { CustomerRef: { value: cust.body.Customer.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: 20, SalesItemLineDetail: { ItemRef: { value: item.body.Item.Id }, Qty: 2 } }] });
    const pay = await api("/payment", { CustomerRef: { value: cust.body.Customer.Id }, TotalAmt: 20, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: inv.body.Invoice.Id, TxnType: "Invoice" }] }] });
    const upd = await api("/customer", { Id: cust.body.Customer.Id, SyncToken: cust.body.Customer.SyncToken, sparse: true, Notes: "VIP" });
    bodies.push(["Item", item.body.Item], ["Invoice", inv.body.Invoice], ["Payment", pay.body.Payment], ["Customer", upd.body.Customer]);
    const cdc = await api(`/cdc?entities=Customer,Invoice,Payment,Item&changedSince=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    for (const qr of cdc.body.CDCResponse[0].QueryResponse) for (const [e, list] of Object.entries(qr)) if (Array.isArray(list)) for (const x of list) bodies.push([e, x]);
    bodies.push(["CompanyInfo", (await api(`/companyinfo/${realm}`)).body.CompanyInfo]);

    expect(bodies.length).toBeGreaterThan(80);
    const failures = bodies.flatMap(([type, body]) => {
      const v = xsd.validate(type, body);
      return v.ok ? [] : [`${type} ${JSON.stringify(body).slice(0, 80)}: ${v.errors.join("; ")}`];
    });
    expect(failures).toEqual([]);
  });

  it("fails on an unknown field and on a wrong type", async () => {
    const xsd = qboXsd();
    const q = await api(`/query?query=${encodeURIComponent("select * from Invoice maxresults 1")}`);
    const good = q.body.QueryResponse.Invoice[0];
    expect(xsd.validate("Invoice", good).ok).toBe(true);
    expect(xsd.validate("Invoice", { ...good, InvoiceTotal: 5 }).errors.join()).toContain("InvoiceTotal");
    expect(xsd.validate("Invoice", { ...good, TotalAmt: "5.00" }).errors.join()).toContain("/TotalAmt");
    expect(xsd.validate("Invoice", { ...good, EmailStatus: "Sentish" }).ok).toBe(false);
    expect(xsd.validate("Invoice", { ...good, Line: [{ ...good.Line[0], DetailType: "MagicLine" }] }).ok).toBe(false);
  });

  it("the Fault shape and OAuth responses match Intuit's samples", async () => {
    const bad = await api("/invoice", { Line: [] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ Fault: { type: "ValidationFault", Error: [{ code: "2020", Message: expect.any(String), Detail: expect.any(String) }] }, time: expect.any(String) });

    const u = new URL(sb.origin + sandboxPaths.quickbooks.authorizeUrl);
    u.search = new URLSearchParams({ response_type: "code", client_id: sandboxApps.quickbooks.clientId, redirect_uri: "http://localhost:3000/cb", scope: "com.intuit.quickbooks.accounting openid", state: "s" }).toString();
    const code = (await consent(u.toString())).searchParams.get("code")!;
    const auth = `Basic ${Buffer.from(`${sandboxApps.quickbooks.clientId}:${sandboxApps.quickbooks.clientSecret}`).toString("base64")}`;
    const tokenCall = (form: Record<string, string>) => fetch(sb.origin + sandboxPaths.quickbooks.tokenUrl, { method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
    const tok = await (await tokenCall({ grant_type: "authorization_code", code, redirect_uri: "http://localhost:3000/cb" })).json();
    expect(shape(tok)).toEqual(shape(sample("oauth/success_token_response.json")));
    const refreshed = await (await tokenCall({ grant_type: "refresh_token", refresh_token: tok.refresh_token })).json();
    expect(shape(refreshed)).toEqual(shape(sample("oauth/success_refreshtoken_response.json")));
    const failed = await tokenCall({ grant_type: "refresh_token", refresh_token: tok.refresh_token });
    expect(Object.keys(await failed.json()).sort()).toEqual(Object.keys(sample("oauth/failure_token_response.json")).sort());

    const disc = await (await fetch(`${sb.origin}/quickbooks/developer/.well-known/openid_sandbox_configuration`)).json();
    expect(shape(disc)).toEqual(shape(sample("oauth/discovery.json")));
    const info = await (await fetch(sb.origin + sandboxPaths.quickbooks.userInfoUrl, { headers: { authorization: `Bearer ${refreshed.access_token}` } })).json();
    expect(shape(info)).toEqual(shape(sample("oauth/success_userinfo_response.json")));
  });
});
