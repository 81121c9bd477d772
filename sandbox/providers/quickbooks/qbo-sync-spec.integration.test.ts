import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { control, startOAuthEmulators, startReceiver } from "../../testing/harness";
import { requireProviderSpecsDir } from "../../testing/provider-specs-dir";
import { qboXsd } from "../../testing/qbo-xsd";
import type { RunningSandbox } from "../../server";

/**
 * What two-way sync relies on, checked with intuit-oauth's makeApiCall against the sandbox
 * (issue 10, item 9): requestid, payments and balances, LinkedTxn, inactive lists, field lists,
 * the lists sync maps against, CDC and webhooks on API writes. Every entity returned is validated
 * against the type Finance.xsd declares.
 */
let sb: RunningSandbox;
let client: OAuthClient;
let realm: string;
beforeAll(async () => {
  sb = await startOAuthEmulators({ xeroInvoices: 1 });
  const p = sandboxPaths.quickbooks;
  client = new OAuthClient({ clientId: sandboxApps.quickbooks.clientId, clientSecret: sandboxApps.quickbooks.clientSecret, environment: "sandbox", redirectUri: "http://localhost:3000/cb" });
  client.setAuthorizeURLs({ authorizeEndpoint: sb.origin + p.authorizeUrl, tokenEndpoint: sb.origin + p.tokenUrl, revokeEndpoint: sb.origin + p.revokeUrl, userInfoEndpoint: sb.origin + p.userInfoUrl });
  OAuthClient.environment.sandbox = `${sb.origin}${p.apiBaseUrl}/`;
  const minted = (await control(sb, "POST", "/tokens", { provider: "quickbooks" })).body;
  realm = minted.realmId;
  client.setToken({ ...minted, createdAt: Date.now() } as never);
});
afterAll(async () => { await sb.close(); });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Checks every entity of a QuickBooks answer (single, QueryResponse or CDC) against its XSD type. */
function validate(body: Json) {
  const xsd = qboXsd();
  const entities: [string, unknown][] = [];
  const collect = (o: Json) => {
    for (const [k, v] of Object.entries(o)) {
      if (!xsd.has(k) || k === "Fault") continue;
      for (const x of Array.isArray(v) ? v : [v]) entities.push([k, x]);
    }
  };
  collect(body);
  if (body.QueryResponse) collect(body.QueryResponse);
  for (const cdc of body.CDCResponse ?? []) for (const qr of cdc.QueryResponse) collect(qr);
  const failures = entities.flatMap(([type, e]) => {
    const v = xsd.validate(type, e);
    return v.ok ? [] : [`${type}: ${v.errors.join("; ")}`];
  });
  expect(failures).toEqual([]);
}
async function call(path: string, body?: unknown): Promise<Json> {
  const res = await client.makeApiCall({ url: `v3/company/${realm}${path}`, ...(body ? { method: "POST", body } : {}) });
  expect(res.status).toBe(200);
  validate(res.json);
  return res.json;
}
const query = (q: string) => call(`/query?query=${encodeURIComponent(q)}&minorversion=75`).then((b) => b.QueryResponse as Json);
/** A call QuickBooks must refuse: returns its Fault error (code, message, detail). */
async function refused(path: string, body?: unknown) {
  const err = await client.makeApiCall({ url: `v3/company/${realm}${path}`, ...(body ? { method: "POST", body } : {}) }).then(() => { throw new Error("the call succeeded"); }, (e: unknown) => e as { code: string; message: string; fault?: { errors: { detail: string }[] } });
  if (err instanceof Error && !("code" in err)) throw err;
  return { code: err.code, message: err.message, detail: err.fault?.errors[0]?.detail ?? "" };
}
let n = 0;
async function newCustomer() {
  return (await call("/customer", { DisplayName: `Sync Truth ${++n} ${Date.now()}` })).Customer as Json;
}
async function newInvoice(customerId: string, amount: number) {
  const item = (await query("select * from Item maxresults 1")).Item[0];
  return (await call("/invoice", { CustomerRef: { value: customerId }, Line: [{ DetailType: "SalesItemLineDetail", Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }] })).Invoice as Json;
}
const payFor = (customerId: string, total: number, lines: [string, number][]) => ({
  CustomerRef: { value: customerId }, TotalAmt: total, Line: lines.map(([invoiceId, amount]) => ({ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: "Invoice" }] })),
});

describe("QuickBooks requestid, SyncToken and CDC", () => {
  it("a retried create with the same requestid returns the first entity and makes no duplicate", async () => {
    const before = (await query("select count(*) from Customer")).totalCount;
    const body = { DisplayName: `Retry Safe ${Date.now()}` };
    const first = await call("/customer?requestid=push-cust-1&minorversion=75", body);
    const again = await call("/customer?requestid=push-cust-1&minorversion=75", body);
    expect(again.Customer.Id).toBe(first.Customer.Id);
    expect((await query("select count(*) from Customer")).totalCount).toBe(before + 1);
    const c = await newCustomer();
    const inv1 = await call("/invoice?requestid=push-inv-1", { CustomerRef: { value: c.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: 10, SalesItemLineDetail: { Qty: 1, UnitPrice: 10 } }] });
    const inv2 = await call("/invoice?requestid=push-inv-1", { CustomerRef: { value: c.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: 10, SalesItemLineDetail: { Qty: 1, UnitPrice: 10 } }] });
    expect(inv2.Invoice.Id).toBe(inv1.Invoice.Id);
    expect((await query(`select * from Invoice where CustomerRef = '${c.Id}'`)).Invoice).toHaveLength(1);
    // An invoice number already used is refused unless include=allowduplicatedocnum.
    const docNumber = inv1.Invoice.DocNumber as string;
    const dupBody = { CustomerRef: { value: c.Id }, DocNumber: docNumber, Line: [{ DetailType: "SalesItemLineDetail", Amount: 5, SalesItemLineDetail: { Qty: 1, UnitPrice: 5 } }] };
    expect((await refused("/invoice", dupBody)).code).toBe("6140");
    expect((await call("/invoice?include=allowduplicatedocnum", dupBody)).Invoice.DocNumber).toBe(docNumber);
    // A different requestid is a new request.
    expect((await call("/customer?requestid=push-cust-2", { DisplayName: `Retry Safe 2 ${Date.now()}` })).Customer.Id).not.toBe(first.Customer.Id);
  });

  it("'apply then time out' applies the create; the retry with the same requestid returns it, no duplicate", async () => {
    await control(sb, "POST", "/faults", { provider: "quickbooks", applyThenTimeout: 1, applyTimeoutMs: 200 });
    const name = `Timeout Co ${Date.now()}`;
    const err = await refused("/customer?requestid=push-timeout-1", { DisplayName: name }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "504" });
    const again = await call("/customer?requestid=push-timeout-1", { DisplayName: name });
    expect((await query(`select * from Customer where DisplayName = '${name}'`)).Customer.map((c: Json) => c.Id)).toEqual([again.Customer.Id]);
    await control(sb, "DELETE", "/faults?provider=quickbooks");
  });

  it("answers a stale SyncToken with the documented 5010 Stale Object Error", async () => {
    const c = await newCustomer();
    await call("/customer", { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: "first" });
    const stale = await refused("/customer", { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Notes: "second" });
    expect(stale).toMatchObject({ code: "5010", message: "Stale Object Error" });
  });

  it("CDC returns exactly what changed for every entity asked, deletions as status Deleted", async () => {
    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const c = await newCustomer();
    const inv = await newInvoice(c.Id, 50);
    const p = (await call("/payment", payFor(c.Id, 20, [[inv.Id, 20]]))).Payment;
    await call("/payment?operation=delete", { Id: p.Id, SyncToken: p.SyncToken });
    const v = (await call("/vendor", { DisplayName: `CDC Vendor ${Date.now()}` })).Vendor;
    const cdc = await call(`/cdc?entities=Customer,Invoice,Payment,Vendor,Purchase,Item&changedSince=${encodeURIComponent(since)}&minorversion=75`);
    const got = Object.fromEntries((cdc.CDCResponse[0].QueryResponse as Json[]).flatMap((qr) => Object.entries(qr).filter(([, x]) => Array.isArray(x))).map(([k, list]) => [k, (list as Json[]).map((e) => [e.Id, e.status ?? "Active"])]));
    expect(got).toEqual({ Customer: [[c.Id, "Active"]], Invoice: [[inv.Id, "Active"]], Payment: [[p.Id, "Deleted"]], Vendor: [[v.Id, "Active"]] });
    expect(cdc.CDCResponse[0].QueryResponse).toHaveLength(6);
    expect((await refused(`/cdc?entities=Spaceship&changedSince=${encodeURIComponent(since)}`)).code).toBe("2010");
  });
});

describe("QuickBooks payments", () => {
  it("refuses a line above the payment's total or above the invoice balance, and another customer's invoice", async () => {
    const c = await newCustomer();
    const inv = await newInvoice(c.Id, 100);
    const overTotal = await refused("/payment", payFor(c.Id, 30, [[inv.Id, 40]]));
    expect(overTotal).toMatchObject({ code: "6000" });
    expect(overTotal.detail).toMatch(/more than the payment's total/);
    const overBalance = await refused("/payment", payFor(c.Id, 150, [[inv.Id, 120]]));
    expect(overBalance.detail).toMatch(/more than its open balance \(100\)/);
    const other = await newCustomer();
    expect((await refused("/payment", payFor(other.Id, 10, [[inv.Id, 10]]))).detail).toMatch(/another customer/);
    expect((await call(`/invoice/${inv.Id}`)).Invoice.Balance).toBe(100);
  });

  it("links payments and invoices with LinkedTxn, and a deleted payment restores the balance", async () => {
    const c = await newCustomer();
    const inv = await newInvoice(c.Id, 100);
    const p1 = (await call("/payment", payFor(c.Id, 60, [[inv.Id, 60]]))).Payment;
    expect(p1.Line[0].LinkedTxn).toEqual([{ TxnId: inv.Id, TxnType: "Invoice" }]);
    const p2 = (await call("/payment", payFor(c.Id, 40, [[inv.Id, 40]]))).Payment;
    const paid = (await call(`/invoice/${inv.Id}`)).Invoice;
    expect(paid.Balance).toBe(0);
    expect(paid.LinkedTxn).toEqual([{ TxnId: p1.Id, TxnType: "Payment" }, { TxnId: p2.Id, TxnType: "Payment" }]);
    expect((await refused("/payment", payFor(c.Id, 1, [[inv.Id, 1]]))).code).toBe("6000");

    await call("/payment?operation=delete", { Id: p2.Id, SyncToken: p2.SyncToken });
    const reopened = (await call(`/invoice/${inv.Id}`)).Invoice;
    expect(reopened.Balance).toBe(40);
    expect(reopened.LinkedTxn).toEqual([{ TxnId: p1.Id, TxnType: "Payment" }]);
    expect(Number(reopened.SyncToken)).toBeGreaterThan(Number(paid.SyncToken));
    // Editing a payment down re-applies it.
    await call("/payment", { Id: p1.Id, SyncToken: p1.SyncToken, ...payFor(c.Id, 25, [[inv.Id, 25]]) });
    expect((await call(`/invoice/${inv.Id}`)).Invoice.Balance).toBe(75);
  });
});

describe("QuickBooks lists and queries", () => {
  it("leaves inactive customers out unless the query asks about Active", async () => {
    const c = await newCustomer();
    await call("/customer", { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false });
    const all = (await query("select * from Customer maxresults 1000")).Customer as Json[];
    expect(all.map((x) => x.Id)).not.toContain(c.Id);
    expect(((await query("select * from Customer where Active = false")).Customer as Json[]).map((x) => x.Id)).toContain(c.Id);
    expect(((await query("select * from Customer where Active IN (true, false) maxresults 1000")).Customer as Json[]).length).toBe(all.length + (await query("select count(*) from Customer where Active = false")).totalCount);
    expect((await call(`/customer/${c.Id}`)).Customer.Active).toBe(false);
    // An inactive customer cannot be invoiced.
    expect((await refused("/invoice", { CustomerRef: { value: c.Id }, Line: [{ DetailType: "SalesItemLineDetail", Amount: 5, SalesItemLineDetail: { Qty: 1, UnitPrice: 5 } }] })).code).toBe("610");
  });

  it("parses a field list and answers sparse entities with just those fields", async () => {
    const r = await query("select Id, DisplayName from Customer orderby DisplayName startposition 1 maxresults 5");
    expect(r.Customer).toHaveLength(5);
    for (const c of r.Customer as Json[]) {
      expect(Object.keys(c).sort()).toEqual(["DisplayName", "Id", "MetaData", "SyncToken", "domain", "sparse"]);
      expect(c.sparse).toBe(true);
    }
    const names = (r.Customer as Json[]).map((c) => c.DisplayName as string);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    expect((await refused(`/query?query=${encodeURIComponent("select Id, from Customer")}`)).code).toBe("4000");
    // A parameter an endpoint does not take is refused, never ignored.
    expect((await refused(`/query?query=${encodeURIComponent("select * from Customer")}&include=deleted`)).code).toBe("2010");
    expect((await refused("/customer?mode=fast", { DisplayName: "Never made" })).code).toBe("2010");
    expect((await refused(`/customer/1?minorversion=latest`)).code).toBe("2010");
  });

  it("serves Account, TaxCode, TaxRate, Term and Vendor, and creates Vendors and Purchases", async () => {
    const accounts = (await query("select * from Account where AccountType = 'Bank'")).Account as Json[];
    expect(accounts.map((a) => a.Name)).toEqual(["Checking"]);
    expect((await query("select * from TaxCode")).TaxCode.map((t: Json) => t.Id).sort()).toEqual(["NON", "TAX"]);
    expect((await query("select * from TaxRate")).TaxRate[0]).toMatchObject({ Name: "California", RateValue: 8 });
    expect((await query("select * from Term where DueDays = '30'")).Term.map((t: Json) => t.Name)).toEqual(["Net 30"]);
    await call(`/account/${accounts[0].Id}`);

    const vendor = (await call("/vendor", { DisplayName: `Paper Co ${Date.now()}`, PrimaryEmailAddr: { Address: "ap@paper.example.com" } })).Vendor;
    expect((await refused("/vendor", { DisplayName: vendor.DisplayName })).code).toBe("6240");
    const expenseAccount = (await query("select * from Account where Name = 'Office Expenses'")).Account[0];
    const purchase = (await call("/purchase", {
      PaymentType: "Cash", AccountRef: { value: accounts[0].Id }, EntityRef: { value: vendor.Id, type: "Vendor" },
      Line: [{ DetailType: "AccountBasedExpenseLineDetail", Amount: 42.5, AccountBasedExpenseLineDetail: { AccountRef: { value: expenseAccount.Id } } }],
    })).Purchase;
    expect(purchase).toMatchObject({ TotalAmt: 42.5, AccountRef: { value: accounts[0].Id, name: "Checking" }, PaymentType: "Cash" });
    expect((await query(`select * from Purchase where Id = '${purchase.Id}'`)).Purchase).toHaveLength(1);
    // A cash purchase from a credit-card account, an unknown line account, no lines: refused.
    const visa = (await query("select * from Account where AccountType = 'Credit Card'")).Account[0];
    expect((await refused("/purchase", { PaymentType: "Cash", AccountRef: { value: visa.Id }, Line: [{ DetailType: "AccountBasedExpenseLineDetail", Amount: 1, AccountBasedExpenseLineDetail: { AccountRef: { value: expenseAccount.Id } } }] })).code).toBe("6000");
    expect((await refused("/purchase", { PaymentType: "CreditCard", AccountRef: { value: visa.Id }, Line: [{ DetailType: "AccountBasedExpenseLineDetail", Amount: 1, AccountBasedExpenseLineDetail: { AccountRef: { value: "99999" } } }] })).code).toBe("2500");
    expect((await refused("/purchase", { PaymentType: "Check", AccountRef: { value: accounts[0].Id }, Line: [] })).code).toBe("2020");
  });

  it("refuses an Item whose IncomeAccountRef or ExpenseAccountRef does not exist", async () => {
    const bad = await refused("/item", { Name: `Ghost ${Date.now()}`, Type: "Service", IncomeAccountRef: { value: "424242" } });
    expect(bad.code).toBe("2500");
    expect(bad.detail).toMatch(/Account/);
    expect((await refused("/item", { Name: `Ghost2 ${Date.now()}`, Type: "Service", IncomeAccountRef: { value: "79" }, ExpenseAccountRef: { value: "424242" } })).code).toBe("2500");
    const ok = (await call("/item", { Name: `Real ${Date.now()}`, Type: "Service", IncomeAccountRef: { value: "79" }, ExpenseAccountRef: { value: "80" } })).Item;
    expect(ok.IncomeAccountRef).toEqual({ value: "79", name: "Sales of Product Income" });
  });
});

describe("QuickBooks bulk seeding", () => {
  it("seeds customers and invoices in one control call, in the second company", async () => {
    const other = "9341453087654321";
    const seeded = await control(sb, "POST", "/seed", { provider: "quickbooks", account: other, invoices: 300, customers: 60 });
    expect(seeded.body).toEqual({ provider: "quickbooks", created: { customers: 60, invoices: 300 } });
    const minted = (await control(sb, "POST", "/tokens", { provider: "quickbooks", account: other })).body;
    const res = await fetch(`${sb.origin}${sandboxPaths.quickbooks.apiBaseUrl}/v3/company/${other}/query?query=${encodeURIComponent("select count(*) from Invoice")}`, { headers: { authorization: `Bearer ${minted.access_token}`, accept: "application/json" } });
    expect((await res.json()).QueryResponse.totalCount).toBe(420);
  });
});

describe("QuickBooks webhooks for API writes", () => {
  it("sends a signed eventNotifications webhook for each API write", async () => {
    const receiver = await startReceiver();
    try {
      await control(sb, "POST", "/webhooks", { provider: "quickbooks", url: receiver.url });
      const v = (await call("/vendor", { DisplayName: `Hooked Vendor ${Date.now()}` })).Vendor;
      const c = await newCustomer();
      for (let i = 0; i < 100 && receiver.received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      const bodies = receiver.received.map((r) => JSON.parse(r.body));
      for (const r of receiver.received) expect(r.headers["intuit-signature"]).toBe(createHmac("sha256", sandboxApps.quickbooks.webhookVerifierToken).update(r.body).digest("base64"));
      expect(bodies.map((b) => b.eventNotifications[0].dataChangeEvent.entities[0]).map((e: Json) => [e.name, e.id, e.operation])).toEqual([["Vendor", v.Id, "Create"], ["Customer", c.Id, "Create"]]);
      expect(bodies[0].eventNotifications[0].realmId).toBe(realm);
      // The same shape as Intuit's own sample payload.
      const sample = JSON.parse(fs.readFileSync(path.join(requireProviderSpecsDir(), "quickbooks", "webhooks", "legacy-eventNotifications.java-sdk-test.json"), "utf8").replace(/^\uFEFF/, ""));
      const keys = (b: Json) => [Object.keys(b.eventNotifications[0]).sort(), Object.keys(b.eventNotifications[0].dataChangeEvent.entities[0]).sort()];
      for (const b of bodies) expect(keys(b)).toEqual(keys(sample));
    } finally {
      await control(sb, "POST", "/webhooks", { provider: "quickbooks", url: "http://127.0.0.1:9/none" });
      await receiver.close();
    }
  });
});
