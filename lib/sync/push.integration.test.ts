import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceCounters, syncLinks } from "@/drizzle/schema";
import { createCustomer, updateCustomer } from "@/lib/db/queries/customers";
import { createInvoice, markOverdueInvoices } from "@/lib/db/queries/invoices";
import { countPending } from "./local-records";
import { saveEntitySettings } from "./settings";
import { connectQuickBooks, connectXero, closeWorld, control, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Local creates and updates reach the provider through the engine's push: create vs update by
// the link table, idempotency keys derived from the change, nothing pushed back after a pull.
let w: World;
let xero: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  xero = await connectXero(w);
  // The app's own numbering is past the sandbox's INV-0001…INV-0150, as in a real organisation
  // whose ledger and app number invoices apart.
  await w.db.insert(invoiceCounters).values({ organisationId: w.owner.organisationId, lastNumber: 1000 });
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

const books = () => xeroOf(w).store.tenant(xero.tenantId)!;
const contactsNamed = (name: string) => books().list("Contacts").filter((c) => c.data.Name === name);

describe("push to Xero", () => {
  let customerId: string;
  it("a customer and an invoice created in the app appear at Xero after a push", async () => {
    const c = await createCustomer(w.db, w.owner, { name: "Pushed Pty Ltd", email: "ap@pushed.test" });
    customerId = c.id;
    const inv = await createInvoice(w.db, w.owner, {
      customerId: c.id, issueDate: "2026-11-02", dueDate: "2026-12-02", send: true,
      lines: [{ description: "Consulting", quantity: 3, unitPrice: 12_500 }, { description: "Travel", quantity: 1, unitPrice: 4_000 }],
    });
    expect(await countPending(w.db, w.owner.organisationId, xero.connectionId, "invoices")).toBe(1);
    const run = await syncNow(w.db, w.owner, xero.connectionId, { direction: "push" });
    expect(run).toMatchObject({ status: "succeeded", created: 2, failed: 0 });
    const [contact] = contactsNamed("Pushed Pty Ltd");
    expect(contact?.data.EmailAddress).toBe("ap@pushed.test");
    const [link] = await w.db.select().from(syncLinks).where(eq(syncLinks.localId, inv.id));
    const remote = books().records.Invoices.get(link!.externalId)!;
    expect(remote.data.InvoiceNumber).toBe(inv.number);
    expect(remote.data).toMatchObject({ Status: "AUTHORISED", Total: 415, Contact: { ContactID: contact!.id } });
    expect(await countPending(w.db, w.owner.organisationId, xero.connectionId, "invoices")).toBe(0);
  }, 60_000);

  it("the pushed records come back in the next pull without a write on either side (echo)", async () => {
    const before = books().list("Contacts").length;
    const run = await syncNow(w.db, w.owner, xero.connectionId, { direction: "both" });
    expect(run).toMatchObject({ status: "succeeded", updated: 0, failed: 0 });
    // 30 seeded contacts, 150 invoices, the items and payments came in; ours were recognised, not created twice.
    expect(run.created).toBe(180 + books().list("Items").length + books().list("Payments").length);
    expect(books().list("Contacts").length).toBe(before);
    const again = await syncNow(w.db, w.owner, xero.connectionId, { direction: "both" });
    expect(again).toMatchObject({ created: 0, updated: 0 });
  }, 60_000);

  it("the schedule marking pulled and pushed invoices overdue is no change to push (no provider has that status)", async () => {
    const marked = await markOverdueInvoices(w.db, "2099-01-01");
    expect(marked.length).toBeGreaterThan(0);
    expect(await countPending(w.db, w.owner.organisationId, xero.connectionId, "invoices")).toBe(marked.filter((m) => m.organisationId === w.owner.organisationId).length);
    const versions = new Map([...books().records.Invoices].map(([id, r]) => [id, r.data.UpdatedDateUTC]));
    const run = await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "invoices" });
    expect(run).toMatchObject({ status: "succeeded", created: 0, updated: 0, failed: 0 });
    expect(new Map([...books().records.Invoices].map(([id, r]) => [id, r.data.UpdatedDateUTC]))).toEqual(versions);
    expect(await countPending(w.db, w.owner.organisationId, xero.connectionId, "invoices")).toBe(0);
  }, 60_000);

    it("a local update is pushed as an update of the linked record", async () => {
    await updateCustomer(w.db, w.owner, customerId, { name: "Pushed Holdings Ltd" });
    const run = await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" });
    expect(run).toMatchObject({ status: "succeeded", updated: 1, created: 0 });
    expect(contactsNamed("Pushed Holdings Ltd")).toHaveLength(1);
    expect(contactsNamed("Pushed Pty Ltd")).toHaveLength(0);
  }, 60_000);

  it("a push retried after the provider applied it (the link was never committed) creates nothing twice", async () => {
    const c = await createCustomer(w.db, w.owner, { name: "Retry Once Ltd" });
    await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" });
    expect(contactsNamed("Retry Once Ltd")).toHaveLength(1);
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.localId, c.id), eq(syncLinks.connectionId, xero.connectionId)));
    // As if the job died after Xero answered and before the page's transaction committed.
    await w.db.delete(syncLinks).where(eq(syncLinks.id, link!.id));
    const run = await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" });
    expect(run.created).toBe(1);
    expect(contactsNamed("Retry Once Ltd")).toHaveLength(1);
    const [again] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.localId, c.id), eq(syncLinks.connectionId, xero.connectionId)));
    expect(again!.externalId).toBe(link!.externalId);
  }, 60_000);

  it("a push whose first attempt times out after Xero applied it (sandbox fault) leaves exactly one record", async () => {
    const c = await createCustomer(w.db, w.owner, { name: "Timed Out Ltd" });
    await control(w, "faults", { provider: "xero", applyThenTimeout: 1, applyTimeoutMs: 250 });
    // Xero creates the contact but answers 504: the step fails (retryable) with nothing linked…
    await expect(syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" })).rejects.toMatchObject({ code: "PROVIDER_ERROR" });
    expect(contactsNamed("Timed Out Ltd")).toHaveLength(1);
    // …and the retry sends the same change with the same Idempotency-Key: Xero answers with the first contact.
    expect(await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" })).toMatchObject({ status: "succeeded", failed: 0 });
    expect(contactsNamed("Timed Out Ltd")).toHaveLength(1);

    const inv = await createInvoice(w.db, w.owner, { customerId: c.id, issueDate: "2026-11-03", dueDate: "2026-12-03", send: true, lines: [{ description: "Audit", quantity: 1, unitPrice: 9_900 }] });
    const atXero = () => books().list("Invoices").filter((i) => i.data.InvoiceNumber === inv.number);
    await control(w, "faults", { provider: "xero", applyThenTimeout: 1, applyTimeoutMs: 250 });
    await expect(syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "invoices" })).rejects.toMatchObject({ code: "PROVIDER_ERROR" });
    expect(atXero()).toHaveLength(1);
    expect(await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "invoices" })).toMatchObject({ status: "succeeded", failed: 0 });
    expect(atXero()).toHaveLength(1);
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.localId, inv.id), eq(syncLinks.connectionId, xero.connectionId)));
    expect(link!.externalId).toBe(atXero()[0]!.id);
  }, 90_000);
});

describe("push to QuickBooks", () => {
  it("creates the customer and the invoice, then updates with the SyncToken it holds", async () => {
    const qbo = await connectQuickBooks(w);
    const company = qboOf(w).store.company(qbo.realmId)!;
    const c = await createCustomer(w.db, w.owner, { name: "Quick Push Co", email: "qp@example.com" });
    await createInvoice(w.db, w.owner, { customerId: c.id, issueDate: "2026-11-03", dueDate: "2026-12-03", lines: [{ description: "Audit", quantity: 2, unitPrice: 50_000 }] });
    // The payments pulled from Xero above sit on invoices whose QuickBooks copies carry no tax (the
    // invoice mapping pushes none), so QuickBooks would refuse them as more than the balance;
    // payments are pushed in payments-push.integration.test.ts, this run is about customers and invoices.
    await saveEntitySettings(w.db, w.owner, qbo.connectionId, "payments", { direction: "pull" });
    const run = await syncNow(w.db, w.owner, qbo.connectionId, { direction: "push" });
    expect(run.failed).toBe(0);
    const cust = company.live("Customer").find((r) => r.data.DisplayName === "Quick Push Co")!;
    expect(cust.data).toMatchObject({ PrimaryEmailAddr: { Address: "qp@example.com" } });
    const inv = company.live("Invoice").find((r) => (r.data.CustomerRef as { value: string }).value === cust.id)!;
    expect(inv.data.TotalAmt).toBe(1000);
    await updateCustomer(w.db, w.owner, c.id, { email: "billing@quickpush.example" });
    const upd = await syncNow(w.db, w.owner, qbo.connectionId, { direction: "push", entity: "customers" });
    expect(upd).toMatchObject({ updated: 1, failed: 0 });
    expect(company.records.Customer.get(cust.id)!.data).toMatchObject({ PrimaryEmailAddr: { Address: "billing@quickpush.example" } });
    expect(company.records.Customer.get(cust.id)!.syncToken).toBe(1);
  }, 60_000);
});
