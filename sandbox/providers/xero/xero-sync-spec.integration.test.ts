import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XeroClient, type Invoice } from "xero-node";
import { sandboxApps, sandboxPaths } from "../../config";
import { control, startOAuthEmulators, startReceiver } from "../../testing/harness";
import { loadSpec } from "../../testing/openapi";
import type { RunningSandbox } from "../../server";
import { XERO_TENANTS } from "./seed";

/**
 * What two-way sync relies on, checked with xero-node against the sandbox (issue 10, item 9):
 * filters evaluated or refused, batches, business rules, bank transactions and credit notes,
 * webhooks on API writes. Every raw answer is validated against xero_accounting.yaml.
 */
let sb: RunningSandbox;
let xero: XeroClient;
const T = XERO_TENANTS[0].tenantId;
const spec = () => loadSpec("xero/xero_accounting.yaml");
beforeAll(async () => {
  sb = await startOAuthEmulators({ xeroInvoices: 160 });
  xero = new XeroClient({ clientId: sandboxApps.xero.clientId, clientSecret: sandboxApps.xero.clientSecret, redirectUris: ["http://localhost:3000/cb"], scopes: ["accounting.transactions"] });
  xero.accountingApi.basePath = `${sb.origin}${sandboxPaths.xero.apiBaseUrl}`;
  xero.setTokenSet((await control(sb, "POST", "/tokens", { provider: "xero" })).body);
  // These checks make more calls than Xero's 60 a minute; the limit itself is tested in xero-faults.
  await control(sb, "POST", "/faults", { provider: "xero", rateLimit: 0 });
});
afterAll(async () => { await sb.close(); });

type Raw = { status: number; data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Awaits an SDK call, validates its raw answer against the spec operation, returns it. */
async function ok<T extends { response: { status: number; data: unknown } }>(method: string, template: string, p: Promise<T>): Promise<T & { raw: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await p;
  expect(spec().validateResponse(method, template, res.response.status, res.response.data)).toEqual({ ok: true, errors: [] });
  return Object.assign(res, { raw: res.response.data });
}
/** Awaits an SDK call that must fail; returns its status and Xero error body (validated as Xero's Error). */
async function refused(p: Promise<unknown>): Promise<Raw> {
  const err = await p.then(() => { throw new Error("the call succeeded"); }, (e: unknown) => e);
  if (err instanceof Error) throw err;
  const { response } = JSON.parse(err as string) as { response: { statusCode: number; body: unknown } };
  expect(spec().validatePointer("#/components/schemas/Error", response.body)).toEqual({ ok: true, errors: [] });
  return { status: response.statusCode, data: response.body };
}
/** Raw GET, for parameters the SDK would never send. */
async function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await fetch(`${sb.origin}${sandboxPaths.xero.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${xero.readTokenSet().access_token}`, "xero-tenant-id": T, accept: "application/json", ...headers } });
  return { status: res.status, data: await res.json() };
}
/** Every invoice, read page by page (the reference the filters are checked against). */
async function allInvoices(tenant = T): Promise<Invoice[]> {
  const out: Invoice[] = [];
  for (let page = 1; ; page++) {
    const r = await xero.accountingApi.getInvoices(tenant, undefined, undefined, undefined, undefined, undefined, undefined, undefined, page);
    if (!r.body.invoices?.length) return out;
    out.push(...r.body.invoices);
  }
}
const ids = (list: { invoiceID?: string }[] | undefined) => (list ?? []).map((i) => i.invoiceID).sort();
const getInvoices = (where?: string, order?: string, extra: { ids?: string[]; numbers?: string[]; contacts?: string[]; statuses?: string[]; page?: number; pageSize?: number; since?: Date } = {}) =>
  ok("GET", "/Invoices", xero.accountingApi.getInvoices(T, extra.since, where, order, extra.ids, extra.numbers, extra.contacts, extra.statuses, extra.page ?? 1, undefined, undefined, undefined, undefined, extra.pageSize ?? 1000));

async function newContact(name: string, tenant = T) {
  const r = await ok("PUT", "/Contacts", xero.accountingApi.createContacts(tenant, { contacts: [{ name }] }));
  return r.body.contacts![0].contactID!;
}
async function newInvoice(contactID: string, status: "DRAFT" | "SUBMITTED" | "AUTHORISED", amount = 100, tenant = T) {
  const r = await ok("PUT", "/Invoices", xero.accountingApi.createInvoices(tenant, { invoices: [{ type: "ACCREC" as never, contact: { contactID }, status: status as never, lineAmountTypes: "NoTax" as never, lineItems: [{ description: "Work", quantity: 1, unitAmount: amount, accountCode: "200" }] }] }));
  return r.body.invoices![0];
}
const pay = (invoiceID: string, amount: number, tenant = T) =>
  xero.accountingApi.createPayment(tenant, { invoice: { invoiceID }, account: { code: "090" }, amount, date: "2026-01-15" });

describe("Xero where, filters and paging are evaluated, never ignored", () => {
  it("evaluates Guid(), DateTime(), OR, comparisons, !=, Contains, StartsWith, AND and parentheses", async () => {
    const all = await allInvoices();
    expect(all.length).toBeGreaterThanOrEqual(160);
    const contactId = all[0].contact!.contactID!;
    const byContact = await getInvoices(`Contact.ContactID==Guid("${contactId}")`);
    expect(ids(byContact.body.invoices)).toEqual(ids(all.filter((i) => i.contact?.contactID === contactId)));
    expect(byContact.body.invoices!.length).toBeGreaterThan(0);

    const cut = new Date(Date.UTC(2025, 9, 1));
    const after = await getInvoices("Date>=DateTime(2025, 10, 01)");
    expect(ids(after.body.invoices)).toEqual(ids(all.filter((i) => new Date(i.date!) >= cut)));
    expect(after.body.invoices!.length).toBeGreaterThan(0);
    expect(after.body.invoices!.length).toBeLessThan(all.length);

    const either = await getInvoices('Status=="PAID" OR Status=="DRAFT"');
    expect(ids(either.body.invoices)).toEqual(ids(all.filter((i) => String(i.status) === "PAID" || String(i.status) === "DRAFT")));
    const big = await getInvoices("Total>1000 AND AmountDue<=5000");
    expect(ids(big.body.invoices)).toEqual(ids(all.filter((i) => i.total! > 1000 && i.amountDue! <= 5000)));
    const notPaid = await getInvoices('Status!="PAID" AND (Type=="ACCREC" OR Type=="ACCPAY")');
    expect(ids(notPaid.body.invoices)).toEqual(ids(all.filter((i) => String(i.status) !== "PAID")));
    const num = all[5].invoiceNumber!;
    const starts = await getInvoices(`InvoiceNumber.StartsWith("${num.slice(0, 6)}")`);
    expect(ids(starts.body.invoices)).toEqual(ids(all.filter((i) => i.invoiceNumber!.startsWith(num.slice(0, 6)))));
    const contains = await getInvoices(`Reference.Contains("${all[7].reference!.slice(3)}")`);
    expect(ids(contains.body.invoices)).toContain(all[7].invoiceID);
    expect(contains.body.invoices!.length).toBeLessThan(all.length);
  });

  it("evaluates IDs, InvoiceNumbers, ContactIDs, Statuses, order, page/pageSize and If-Modified-Since", async () => {
    const all = await allInvoices();
    const pick = [all[3], all[40], all[90]];
    expect(ids((await getInvoices(undefined, undefined, { ids: pick.map((i) => i.invoiceID!) })).body.invoices)).toEqual(ids(pick));
    expect(ids((await getInvoices(undefined, undefined, { numbers: [pick[0].invoiceNumber!, pick[1].invoiceNumber!] })).body.invoices)).toEqual(ids(pick.slice(0, 2)));
    const c = pick[2].contact!.contactID!;
    expect(ids((await getInvoices(undefined, undefined, { contacts: [c] })).body.invoices)).toEqual(ids(all.filter((i) => i.contact?.contactID === c)));
    const drafts = await getInvoices(undefined, undefined, { statuses: ["DRAFT", "SUBMITTED"] });
    expect(ids(drafts.body.invoices)).toEqual(ids(all.filter((i) => ["DRAFT", "SUBMITTED"].includes(String(i.status)))));

    const desc = await getInvoices(undefined, "Total DESC");
    const totals = desc.body.invoices!.map((i) => i.total!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const byNumber = await getInvoices(undefined, "InvoiceNumber ASC");
    const numbers = byNumber.body.invoices!.map((i) => i.invoiceNumber!);
    expect(numbers).toEqual([...numbers].sort());

    const p2 = await getInvoices(undefined, "InvoiceNumber ASC", { page: 2, pageSize: 25 });
    expect(p2.body.pagination).toMatchObject({ page: 2, pageSize: 25, itemCount: all.length, pageCount: Math.ceil(all.length / 25) });
    expect(p2.body.invoices!.map((i) => i.invoiceNumber)).toEqual(numbers.slice(25, 50));

    const since = new Date(Date.now() - 1000);
    const fresh = await newInvoice(await newContact("IMS Check Ltd"), "DRAFT");
    expect(ids((await getInvoices(undefined, undefined, { since })).body.invoices)).toEqual([fresh.invoiceID]);
  });

  it("pages UpdatedDateUTC ASC from an If-Modified-Since point the way a pull walks it, and finds IDs in any case", async () => {
    const all = await allInvoices();
    // The reference: every invoice oldest change first, then by id (Xero's stable order).
    const key = (i: Invoice) => [new Date(i.updatedDateUTC!).getTime(), i.invoiceID!] as const;
    const sorted = [...all].sort((a, b) => key(a)[0] - key(b)[0] || (key(a)[1] < key(b)[1] ? -1 : 1));
    const since = new Date(key(sorted[40]!)[0]);
    const after = sorted.filter((i) => key(i)[0] > since.getTime());
    expect(after.length).toBeGreaterThan(60);
    const p1 = await getInvoices(undefined, "UpdatedDateUTC ASC", { page: 1, pageSize: 50, since });
    const p2 = await getInvoices(undefined, "UpdatedDateUTC", { page: 2, pageSize: 50, since });
    expect(p1.body.pagination).toMatchObject({ page: 1, pageSize: 50, itemCount: after.length, pageCount: Math.ceil(after.length / 50) });
    expect([...p1.body.invoices!, ...p2.body.invoices!].map((i) => i.invoiceID)).toEqual(after.slice(0, 100).map((i) => i.invoiceID));
    // Past the last page: an empty page, the count unchanged.
    const past = await getInvoices(undefined, "UpdatedDateUTC ASC", { page: 99, pageSize: 50, since });
    expect(past.body.invoices ?? []).toEqual([]);
    expect(past.body.pagination).toMatchObject({ itemCount: after.length });
    const pick = [sorted[7]!, sorted[3]!];
    const found = await getInvoices(undefined, undefined, { ids: pick.map((i) => i.invoiceID!.toUpperCase()) });
    expect(found.body.invoices!.map((i) => i.invoiceID)).toEqual([sorted[3]!.invoiceID, sorted[7]!.invoiceID]);
  });

  it("leaves archived contacts out unless includeArchived=true", async () => {
    const id = await newContact("Archived Supplies Ltd");
    await ok("POST", "/Contacts/{ContactID}", xero.accountingApi.updateContact(T, id, { contacts: [{ contactStatus: "ARCHIVED" as never }] }));
    const where = `Name=="Archived Supplies Ltd"`;
    const hidden = await ok("GET", "/Contacts", xero.accountingApi.getContacts(T, undefined, where));
    expect(hidden.body.contacts).toEqual([]);
    const shown = await ok("GET", "/Contacts", xero.accountingApi.getContacts(T, undefined, where, undefined, undefined, undefined, true));
    expect(shown.body.contacts!.map((x) => x.contactID)).toEqual([id]);
  });

  it("answers Xero's 400 for what it cannot evaluate", async () => {
    const bad = [
      () => xero.accountingApi.getInvoices(T, undefined, 'Status=="PAID'),
      () => xero.accountingApi.getInvoices(T, undefined, 'Colour=="Blue"'),
      () => xero.accountingApi.getInvoices(T, undefined, 'Reference.ToLower()=="x"'),
      () => xero.accountingApi.getInvoices(T, undefined, "Total>DateTime(2026,1,1)"),
      () => xero.accountingApi.getInvoices(T, undefined, undefined, "Colour DESC"),
      () => xero.accountingApi.getInvoices(T, undefined, undefined, undefined, ["not-a-guid"]),
      () => xero.accountingApi.getInvoices(T, undefined, undefined, undefined, undefined, undefined, undefined, ["HALF_PAID"]),
    ];
    for (const p of bad) {
      const r = await refused(p());
      expect(r.status).toBe(400);
      expect(r.data).toMatchObject({ ErrorNumber: 16, Type: "QueryParseException", Message: expect.any(String) });
    }
    expect((await rawGet("/Invoices?colour=blue")).status).toBe(400);
    expect((await rawGet("/Invoices?page=0")).status).toBe(400);
    expect((await rawGet("/Items?page=1")).status).toBe(400); // Items are not paged
    expect((await rawGet("/Invoices", { "if-modified-since": "yesterday-ish" })).status).toBe(400);
  });
});

describe("Xero batches", () => {
  it("are all-or-nothing by default: one bad element refuses the whole batch", async () => {
    const c = await newContact("Batch Co");
    const before = (await allInvoices()).length;
    const r = await refused(xero.accountingApi.createInvoices(T, { invoices: [
      { type: "ACCREC" as never, contact: { contactID: c }, lineItems: [{ description: "A", quantity: 1, unitAmount: 10 }] },
      { type: "ACCREC" as never, lineItems: [{ description: "no contact", quantity: 1, unitAmount: 10 }] },
    ] }));
    expect(r.status).toBe(400);
    expect(r.data).toMatchObject({ ErrorNumber: 10, Type: "ValidationException" });
    expect(r.data.Elements).toHaveLength(2);
    expect(r.data.Elements[0].ValidationErrors).toEqual([]);
    expect(r.data.Elements[1].ValidationErrors[0].Message).toMatch(/Contact/);
    expect((await allInvoices()).length).toBe(before);
  });

  it("with summarizeErrors=false saves the valid elements and marks each OK or ERROR", async () => {
    const c = await newContact("Partial Batch Co");
    const before = (await allInvoices()).length;
    const r = await ok("PUT", "/Invoices", xero.accountingApi.createInvoices(T, { invoices: [
      { type: "ACCREC" as never, contact: { contactID: c }, lineItems: [{ description: "A", quantity: 1, unitAmount: 10 }] },
      { type: "ACCREC" as never, lineItems: [{ description: "no contact", quantity: 1, unitAmount: 10 }] },
      { type: "ACCREC" as never, contact: { contactID: c }, lineItems: [{ description: "B", quantity: 2, unitAmount: 10 }] },
    ] }, false));
    expect(r.raw.Invoices.map((i: { StatusAttributeString: string }) => i.StatusAttributeString)).toEqual(["OK", "ERROR", "OK"]);
    expect(r.raw.Invoices[1].ValidationErrors[0].Message).toMatch(/Contact/);
    expect(r.raw.Invoices[0].InvoiceID).toBeTruthy();
    expect((await allInvoices()).length).toBe(before + 2);
  });
});

describe("Xero business rules", () => {
  it("refuses overpayments, payments on DRAFT/SUBMITTED invoices, setting PAID, voiding a paid invoice and editing its lines", async () => {
    const c = await newContact("Rules Ltd");
    for (const status of ["DRAFT", "SUBMITTED"] as const) {
      const draft = await newInvoice(c, status);
      const r = await refused(pay(draft.invoiceID!, 10));
      expect(r.data.Elements[0].ValidationErrors[0].Message).toMatch(/AUTHORISED/);
    }
    const inv = await newInvoice(c, "AUTHORISED", 100);
    expect((await refused(pay(inv.invoiceID!, 100.01))).data.Elements[0].ValidationErrors[0].Message).toMatch(/exceeds the amount outstanding/);
    const setPaid = await refused(xero.accountingApi.updateInvoice(T, inv.invoiceID!, { invoices: [{ status: "PAID" as never }] }));
    expect(setPaid.data.Elements[0].ValidationErrors[0].Message).toMatch(/PAID/);

    await ok("PUT", "/Payments", pay(inv.invoiceID!, 40));
    // Partly paid: cannot be voided, its lines cannot change.
    expect((await refused(xero.accountingApi.updateInvoice(T, inv.invoiceID!, { invoices: [{ status: "VOIDED" as never }] }))).status).toBe(400);
    await ok("PUT", "/Payments", pay(inv.invoiceID!, 60));
    const paid = await ok("GET", "/Invoices/{InvoiceID}", xero.accountingApi.getInvoice(T, inv.invoiceID!));
    expect(paid.raw.Invoices[0]).toMatchObject({ Status: "PAID", AmountDue: 0, AmountPaid: 100 });
    expect((await refused(pay(inv.invoiceID!, 1))).status).toBe(400);
    const voided = await refused(xero.accountingApi.updateInvoice(T, inv.invoiceID!, { invoices: [{ status: "VOIDED" as never }] }));
    expect(voided.data.Elements[0].ValidationErrors[0].Message).toMatch(/not of valid status/);
    const relined = await refused(xero.accountingApi.updateInvoice(T, inv.invoiceID!, { invoices: [{ lineItems: [{ description: "More", quantity: 2, unitAmount: 100, accountCode: "200" }] }] }));
    expect(relined.status).toBe(400);
    const after = await ok("GET", "/Invoices/{InvoiceID}", xero.accountingApi.getInvoice(T, inv.invoiceID!));
    expect(after.raw.Invoices[0]).toMatchObject({ Status: "PAID", Total: 100, AmountDue: 0 });
    // Non-financial edits of a paid invoice are still allowed, also when the same lines are sent back.
    await ok("POST", "/Invoices/{InvoiceID}", xero.accountingApi.updateInvoice(T, inv.invoiceID!, { invoices: [{ reference: "Paid, noted" }] }));
    await ok("POST", "/Invoices/{InvoiceID}", xero.accountingApi.updateInvoice(T, inv.invoiceID!, { invoices: [{ reference: "Paid, noted again", lineItems: [{ description: "Work", quantity: 1, unitAmount: 100, accountCode: "200" }] }] }));
  });

  it("lists an invoice's payments and reopens it when a payment is deleted", async () => {
    const inv = await newInvoice(await newContact("Reopen Ltd"), "AUTHORISED", 80);
    const p1 = (await ok("PUT", "/Payments", pay(inv.invoiceID!, 30))).body.payments![0];
    const p2 = (await ok("PUT", "/Payments", pay(inv.invoiceID!, 50))).body.payments![0];
    const paid = (await ok("GET", "/Invoices/{InvoiceID}", xero.accountingApi.getInvoice(T, inv.invoiceID!))).raw.Invoices[0];
    expect(paid).toMatchObject({ Status: "PAID", AmountPaid: 80, AmountDue: 0 });
    expect(paid.Payments.map((p: { PaymentID: string; Amount: number }) => [p.PaymentID, p.Amount])).toEqual([[p1.paymentID, 30], [p2.paymentID, 50]]);

    const del = await ok("POST", "/Payments/{PaymentID}", xero.accountingApi.deletePayment(T, p2.paymentID!, { status: "DELETED" }));
    expect(del.raw.Payments[0].Status).toBe("DELETED");
    const reopened = (await ok("GET", "/Invoices/{InvoiceID}", xero.accountingApi.getInvoice(T, inv.invoiceID!))).raw.Invoices[0];
    expect(reopened).toMatchObject({ Status: "AUTHORISED", AmountPaid: 30, AmountDue: 50 });
    expect(reopened.FullyPaidOnDate).toBeUndefined();
    expect(reopened.Payments.map((p: { PaymentID: string }) => p.PaymentID)).toEqual([p1.paymentID]);
    expect((await refused(xero.accountingApi.deletePayment(T, p2.paymentID!, { status: "DELETED" }))).status).toBe(400);
  });

  it("keeps active contact names, sales invoice numbers and item codes unique", async () => {
    const name = `Unique Name ${Date.now()}`;
    const id = await newContact(name);
    const dup = await refused(xero.accountingApi.createContacts(T, { contacts: [{ name: name.toUpperCase() }] }));
    expect(dup.data.Elements[0].ValidationErrors[0].Message).toMatch(/already assigned to another contact/);
    // Renaming itself is fine; once archived, the name is free again.
    await ok("POST", "/Contacts/{ContactID}", xero.accountingApi.updateContact(T, id, { contacts: [{ name, emailAddress: "a@b.example.com" }] }));
    await ok("POST", "/Contacts/{ContactID}", xero.accountingApi.updateContact(T, id, { contacts: [{ contactStatus: "ARCHIVED" as never }] }));
    await newContact(name);
    const number = `SYNC-${Date.now()}`;
    const c = await newContact(`${name} 2`);
    await ok("PUT", "/Invoices", xero.accountingApi.createInvoices(T, { invoices: [{ type: "ACCREC" as never, invoiceNumber: number, contact: { contactID: c }, lineItems: [{ description: "x", quantity: 1, unitAmount: 1 }] }] }));
    expect((await refused(xero.accountingApi.createInvoices(T, { invoices: [{ type: "ACCREC" as never, invoiceNumber: number, contact: { contactID: c }, lineItems: [{ description: "y", quantity: 1, unitAmount: 1 }] }] }))).data.Elements[0].ValidationErrors[0].Message).toBe("Invoice # must be unique.");
    const code = `U-${Date.now()}`;
    await ok("PUT", "/Items", xero.accountingApi.createItems(T, { items: [{ code, name: "Unique item" }] }));
    expect((await refused(xero.accountingApi.createItems(T, { items: [{ code, name: "Copy" }] }))).data.Elements[0].ValidationErrors[0].Message).toMatch(/already exists/);
  });

  it("honours Idempotency-Key: a repeat returns the first answer and makes no second record", async () => {
    const c = await newContact("Idem Ltd");
    const body = { invoices: [{ type: "ACCREC" as never, status: "AUTHORISED" as never, contact: { contactID: c }, lineItems: [{ description: "Once", quantity: 1, unitAmount: 75 }] }] };
    const first = await ok("PUT", "/Invoices", xero.accountingApi.createInvoices(T, body, undefined, undefined, "sync-push-42"));
    const again = await ok("PUT", "/Invoices", xero.accountingApi.createInvoices(T, body, undefined, undefined, "sync-push-42"));
    expect(again.raw).toEqual(first.raw);
    const mine = await getInvoices(`Contact.ContactID==Guid("${c}")`);
    expect(mine.body.invoices).toHaveLength(1);
    const p = await ok("PUT", "/Payments", xero.accountingApi.createPayment(T, { invoice: { invoiceID: first.body.invoices![0].invoiceID }, account: { code: "090" }, amount: 10 }, "pay-once"));
    await ok("PUT", "/Payments", xero.accountingApi.createPayment(T, { invoice: { invoiceID: first.body.invoices![0].invoiceID }, account: { code: "090" }, amount: 10 }, "pay-once"));
    expect(p.body.payments![0].amount).toBe(10);
  });
});

describe("Xero bank transactions and credit notes", () => {
  it("creates SPEND and RECEIVE bank transactions with lines on a bank account, and refuses bad ones", async () => {
    const c = await newContact("Office Supplies Co");
    const spend = await ok("PUT", "/BankTransactions", xero.accountingApi.createBankTransactions(T, { bankTransactions: [
      { type: "SPEND" as never, contact: { contactID: c }, bankAccount: { code: "090" }, lineAmountTypes: "Exclusive" as never, lineItems: [{ description: "Paper", quantity: 2, unitAmount: 25, accountCode: "400", taxType: "INPUT" }] },
      { type: "RECEIVE" as never, contact: { contactID: c }, bankAccount: { code: "090" }, lineItems: [{ description: "Refund", quantity: 1, unitAmount: 10, accountCode: "260", taxType: "NONE" }] },
    ] }));
    expect(spend.raw.BankTransactions[0]).toMatchObject({ Type: "SPEND", Status: "AUTHORISED", SubTotal: 50, TotalTax: 5, Total: 55, BankAccount: { Code: "090" } });
    expect(spend.raw.BankTransactions[1]).toMatchObject({ Type: "RECEIVE", Total: 10 });
    const id = spend.raw.BankTransactions[0].BankTransactionID as string;
    const listed = await ok("GET", "/BankTransactions", xero.accountingApi.getBankTransactions(T, undefined, `BankTransactionID==Guid("${id}")`));
    expect(listed.body.bankTransactions!.map((b) => b.bankTransactionID)).toEqual([id]);
    await ok("GET", "/BankTransactions/{BankTransactionID}", xero.accountingApi.getBankTransaction(T, id));

    for (const bad of [
      { type: "SPEND" as never, contact: { contactID: c }, bankAccount: { code: "200" }, lineItems: [{ description: "x", quantity: 1, unitAmount: 1, accountCode: "400" }] }, // not a bank account
      { type: "SPEND-TRANSFER" as never, contact: { contactID: c }, bankAccount: { code: "090" }, lineItems: [{ description: "x", quantity: 1, unitAmount: 1, accountCode: "400" }] },
      { type: "SPEND" as never, contact: { contactID: c }, bankAccount: { code: "090" }, lineItems: [] },
      { type: "SPEND" as never, contact: { contactID: c }, bankAccount: { code: "090" }, lineItems: [{ description: "x", quantity: 1, unitAmount: 1, accountCode: "999" }] },
    ]) expect((await refused(xero.accountingApi.createBankTransactions(T, { bankTransactions: [bad] }))).status).toBe(400);
  });

  it("creates a credit note, authorises it and allocates it to an invoice of the same contact", async () => {
    const c = await newContact("Credit Ltd");
    const inv = await newInvoice(c, "AUTHORISED", 100);
    const note = await ok("PUT", "/CreditNotes", xero.accountingApi.createCreditNotes(T, { creditNotes: [{ type: "ACCRECCREDIT" as never, contact: { contactID: c }, status: "AUTHORISED" as never, lineAmountTypes: "NoTax" as never, lineItems: [{ description: "Goodwill", quantity: 1, unitAmount: 30, accountCode: "200" }] }] }));
    const n = note.raw.CreditNotes[0];
    expect(n).toMatchObject({ Type: "ACCRECCREDIT", Status: "AUTHORISED", Total: 30, RemainingCredit: 30 });
    expect((await refused(xero.accountingApi.createCreditNoteAllocation(T, n.CreditNoteID, { allocations: [{ invoice: { invoiceID: inv.invoiceID }, amount: 31, date: "2026-01-20" }] }))).status).toBe(400);
    const alloc = await ok("PUT", "/CreditNotes/{CreditNoteID}/Allocations", xero.accountingApi.createCreditNoteAllocation(T, n.CreditNoteID, { allocations: [{ invoice: { invoiceID: inv.invoiceID }, amount: 30, date: "2026-01-20" }] }));
    expect(alloc.raw.Allocations[0]).toMatchObject({ Amount: 30, Invoice: { InvoiceID: inv.invoiceID } });
    const after = (await ok("GET", "/Invoices/{InvoiceID}", xero.accountingApi.getInvoice(T, inv.invoiceID!))).raw.Invoices[0];
    expect(after).toMatchObject({ AmountCredited: 30, AmountDue: 70, Status: "AUTHORISED" });
    expect(after.CreditNotes[0].CreditNoteID).toBe(n.CreditNoteID);
    const noteAfter = (await ok("GET", "/CreditNotes/{CreditNoteID}", xero.accountingApi.getCreditNote(T, n.CreditNoteID))).raw.CreditNotes[0];
    expect(noteAfter).toMatchObject({ Status: "PAID", RemainingCredit: 0 });
    // A DRAFT credit note cannot be allocated; another contact's invoice cannot take the credit.
    const draft = await ok("PUT", "/CreditNotes", xero.accountingApi.createCreditNotes(T, { creditNotes: [{ type: "ACCRECCREDIT" as never, contact: { contactID: c }, lineItems: [{ description: "x", quantity: 1, unitAmount: 5, accountCode: "200" }] }] }));
    expect((await refused(xero.accountingApi.createCreditNoteAllocation(T, draft.raw.CreditNotes[0].CreditNoteID, { allocations: [{ invoice: { invoiceID: inv.invoiceID }, amount: 1, date: "2026-01-20" }] }))).status).toBe(400);
    await ok("GET", "/CreditNotes", xero.accountingApi.getCreditNotes(T, undefined, 'Status=="PAID"', "Total DESC", 1));
  });

  it("serves Items, TaxRates and Accounts with where/order", async () => {
    const items = await ok("GET", "/Items", xero.accountingApi.getItems(T, undefined, 'Code.StartsWith("ITEM-00")', "Code DESC"));
    const codes = items.body.items!.map((i) => i.code!);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).toEqual([...codes].sort().reverse());
    const banks = await ok("GET", "/Accounts", xero.accountingApi.getAccounts(T, undefined, 'Type=="BANK"'));
    expect(banks.raw.Accounts.map((a: { Code: string }) => a.Code)).toEqual(["090"]);
    const rates = await ok("GET", "/TaxRates", xero.accountingApi.getTaxRates(T, "DisplayTaxRate>0"));
    expect(rates.raw.TaxRates.map((r: { TaxType: string }) => r.TaxType).sort()).toEqual(["INPUT", "OUTPUT"]);
  });
});

describe("Xero webhooks for API writes", () => {
  it("sends one signed batch per write call for contacts, invoices, payments and credit notes", async () => {
    const sign = (body: string) => createHmac("sha256", sandboxApps.xero.webhookKey).update(body).digest("base64");
    const receiver = await startReceiver(({ headers, body }) => (headers["x-xero-signature"] === sign(body) ? 200 : 401));
    const hooks = loadSpec("xero/xero-webhooks.yaml");
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && receiver.received.length < n; i++) await new Promise((r) => setTimeout(r, 20));
      expect(receiver.received.length).toBeGreaterThanOrEqual(n);
      return JSON.parse(receiver.received[n - 1].body);
    };
    try {
      await control(sb, "POST", "/webhooks", { provider: "xero", url: receiver.url });
      const two = await ok("PUT", "/Contacts", xero.accountingApi.createContacts(T, { contacts: [{ name: "Hook One" }, { name: "Hook Two" }] }));
      const batch = await waitFor(1);
      expect(batch.events.map((e: { resourceId: string; eventCategory: string; eventType: string }) => [e.resourceId, e.eventCategory, e.eventType])).toEqual(two.body.contacts!.map((c) => [c.contactID, "CONTACT", "CREATE"]));
      expect(batch.lastEventSequence - batch.firstEventSequence).toBe(1);
      const inv = await newInvoice(two.body.contacts![0].contactID!, "AUTHORISED", 20);
      expect((await waitFor(2)).events[0]).toMatchObject({ resourceId: inv.invoiceID, eventCategory: "INVOICE", eventType: "CREATE", tenantId: T });
      await ok("PUT", "/Payments", pay(inv.invoiceID!, 20));
      expect((await waitFor(3)).events[0]).toMatchObject({ resourceId: inv.invoiceID, eventCategory: "INVOICE", eventType: "UPDATE" });
      const note = await ok("PUT", "/CreditNotes", xero.accountingApi.createCreditNotes(T, { creditNotes: [{ type: "ACCRECCREDIT" as never, contact: { contactID: two.body.contacts![1].contactID }, lineItems: [{ description: "x", quantity: 1, unitAmount: 5, accountCode: "200" }] }] }));
      expect((await waitFor(4)).events[0]).toMatchObject({ resourceId: note.raw.CreditNotes[0].CreditNoteID, eventCategory: "CREDITNOTE", eventType: "CREATE", data: { Type: "ACCRECCREDIT", Status: "DRAFT" } });
      for (const r of receiver.received) {
        expect(r.status).toBe(200);
        const payload = JSON.parse(r.body) as { events: { eventDateUtc: string }[] };
        // Xero sends eventDateUtc without a zone (as the spec's own example does), which its `date-time` format would refuse.
        for (const e of payload.events) expect(e.eventDateUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
        const zoned = { ...payload, events: payload.events.map((e) => ({ ...e, eventDateUtc: `${e.eventDateUtc}Z` })) };
        expect(hooks.validatePointer("#/components/schemas/WebhookEvent", zoned)).toEqual({ ok: true, errors: [] });
      }
      // A refused write sends nothing.
      await refused(pay(inv.invoiceID!, 1));
      await new Promise((r) => setTimeout(r, 100));
      expect(receiver.received).toHaveLength(4);
    } finally {
      await control(sb, "POST", "/webhooks", { provider: "xero", url: "http://127.0.0.1:9/none" });
      await receiver.close();
    }
  });
});
