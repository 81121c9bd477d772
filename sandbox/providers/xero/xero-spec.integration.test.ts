import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxPaths } from "../../config";
import { control, startOAuthEmulators } from "../../testing/harness";
import { loadSpec } from "../../testing/openapi";
import type { RunningSandbox } from "../../server";
import { XERO_TENANTS } from "./seed";

const ID_FIELDS: Record<string, string> = { Contacts: "ContactID", Invoices: "InvoiceID", Payments: "PaymentID", Items: "ItemID", Accounts: "AccountID" };
let sb: RunningSandbox;
let access: string;
const tenant = XERO_TENANTS[0].tenantId;
beforeAll(async () => {
  sb = await startOAuthEmulators({ xeroInvoices: 120 });
  access = (await control(sb, "POST", "/tokens", { provider: "xero" })).body.access_token;
});
afterAll(async () => { await sb.close(); });

/** Calls the accounting API and returns what the spec check needs. */
async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sb.origin}${sandboxPaths.xero.apiBaseUrl}${path}`, {
    method, headers: { authorization: `Bearer ${access}`, "xero-tenant-id": tenant, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("Xero responses validate against xero_accounting.yaml", () => {
  const spec = () => loadSpec("xero/xero_accounting.yaml");

  it("dates are Xero's /Date(…+0000)/ form and pages hold 100 invoices", async () => {
    const p1 = await call("GET", "/Invoices?page=1");
    expect(p1.body.pagination).toEqual({ page: 1, pageSize: 100, pageCount: 2, itemCount: 120 });
    expect(p1.body.Invoices).toHaveLength(100);
    expect(p1.body.Invoices[0].UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect(p1.body.Invoices[0].Date).toMatch(/^\/Date\(\d+\+0000\)\/$/);
  });

  it("every emulated operation answers what the spec declares", async () => {
    const checks: [string, string, Awaited<ReturnType<typeof call>>][] = [];
    const run = async (method: string, path: string, body?: unknown) => {
      const r = await call(method, path, body);
      // Name the template: /Contacts/{id} would otherwise also match /Contacts/{ContactNumber}.
      const bare = path.split("?")[0];
      const m = /^\/(\w+)\/[^/]+$/.exec(bare);
      checks.push([method, m ? `/${m[1]}/{${ID_FIELDS[m[1]]}}` : bare, r]);
      return r;
    };
    await run("GET", "/Organisation");
    const contacts = await run("GET", "/Contacts?page=1");
    const contactId = contacts.body.Contacts[0].ContactID as string;
    await run("GET", `/Contacts/${contactId}`);
    await run("GET", "/Contacts");
    const newContact = await run("PUT", "/Contacts", { Contacts: [{ Name: "Spec Check Ltd", EmailAddress: "ap@speccheck.example.com" }] });
    await run("POST", `/Contacts/${newContact.body.Contacts[0].ContactID}`, { Contacts: [{ Name: "Spec Check Limited" }] });
    await run("POST", "/Contacts", { Contacts: [{ Name: "Upserted Co" }] });
    await run("GET", "/Invoices?page=2");
    await run("GET", "/Invoices");
    const inv = await run("PUT", "/Invoices", { Invoices: [{ Type: "ACCREC", Contact: { ContactID: contactId }, Date: "2026-01-10", DueDate: "2026-02-10", Status: "AUTHORISED", LineItems: [{ Description: "Consulting", Quantity: 2, UnitAmount: 150, AccountCode: "200" }] }] });
    const invoiceId = inv.body.Invoices[0].InvoiceID as string;
    await run("GET", `/Invoices/${invoiceId}`);
    await run("POST", `/Invoices/${invoiceId}`, { Invoices: [{ Reference: "Updated ref" }] });
    const pay = await run("PUT", "/Payments", { Payments: [{ Invoice: { InvoiceID: invoiceId }, Account: { Code: "090" }, Amount: 100, Date: "2026-01-20" }] });
    await run("GET", "/Payments?page=1");
    await run("GET", `/Payments/${pay.body.Payments[0].PaymentID}`);
    await run("POST", `/Payments/${pay.body.Payments[0].PaymentID}`, { Payments: [{ Status: "DELETED" }] });
    const items = await run("GET", "/Items");
    await run("GET", `/Items/${items.body.Items[0].ItemID}`);
    const item = await run("PUT", "/Items", { Items: [{ Code: "SPEC-1", Name: "Spec item", SalesDetails: { UnitPrice: 12.5, AccountCode: "200" } }] });
    await run("POST", `/Items/${item.body.Items[0].ItemID}`, { Items: [{ Code: "SPEC-1", Name: "Spec item v2" }] });
    await run("GET", "/TaxRates");
    await run("PUT", "/TaxRates", { TaxRates: [{ Name: "Spec tax", TaxComponents: [{ Name: "State", Rate: 5, IsCompound: false, IsNonRecoverable: false }] }] });
    const accounts = await run("GET", "/Accounts");
    await run("GET", `/Accounts/${accounts.body.Accounts[0].AccountID}`);
    await run("PUT", "/Accounts", { Code: "299", Name: "Spec revenue", Type: "REVENUE" });
    await run("PUT", "/Invoices", { Invoices: [{ Type: "ACCREC", LineItems: [] }] }); // no contact → 400 ValidationException

    expect(checks.map(([, , r]) => r.status)).toEqual([...Array(checks.length - 1).fill(200), 400]);
    const failures = checks.flatMap(([method, path, r]) => {
      const v = spec().validateResponse(method, path, r.status, r.body);
      return v.ok ? [] : [`${method} ${path} ${r.status}: ${v.errors.join("; ")}`];
    });
    expect(failures).toEqual([]);
  });

  it("a deliberately wrong response fails the validator", async () => {
    const good = await call("GET", "/Invoices?page=1");
    const wrong = structuredClone(good.body);
    wrong.Invoices[0].Status = "HALF_PAID";
    wrong.Invoices[1].Total = "one hundred";
    const v = spec().validateResponse("GET", "/Invoices", 200, wrong);
    expect(v.ok).toBe(false);
    expect(v.errors.join("\n")).toMatch(/Invoices\/0\/Status/);
    expect(v.errors.join("\n")).toMatch(/Invoices\/1\/Total/);
  });

  it("GET /connections validates against xero-identity.yaml", async () => {
    const res = await fetch(sb.origin + sandboxPaths.xero.connectionsUrl, { headers: { authorization: `Bearer ${access}` } });
    const body = await res.json();
    expect(body.map((c: { tenantName: string }) => c.tenantName)).toEqual(["Demo Company (US)", "Sandbox Trading Ltd"]);
    const identity = loadSpec("xero/xero-identity.yaml");
    expect(identity.validateResponse("GET", "/Connections", 200, body)).toEqual({ ok: true, errors: [] });
    expect(identity.validateResponse("GET", "/Connections", 200, [{ ...body[0], tenantId: 42 }]).ok).toBe(false);
  });
});
