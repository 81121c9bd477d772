import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, payments, projects } from "@/drizzle/schema";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { createCustomer, deleteCustomer } from "@/lib/db/queries/customers";
import { getDashboardSummary } from "@/lib/db/queries/dashboard";
import { createInvoice, getInvoice, markOverdueInvoices, voidInvoice } from "@/lib/db/queries/invoices";
import { recordPayment, recordRefund, reversePayment } from "@/lib/db/queries/payments";
import { createProject } from "@/lib/db/queries/projects";
import { createQuote } from "@/lib/db/queries/quotes";
import { createTestDb } from "@/lib/testing/db";
import { eventsOf, expectRolledBackWithoutEvents } from "@/lib/testing/outbox";
import { createTenant } from "@/lib/testing/tenants";

// The accounting events beyond create/update: each is written by the change that causes it,
// in its transaction.
describe("accounting events: overdue, cancelled, payment failed/refunded, customer deleted", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });
  const types = async (id: string) => (await eventsOf(t.db, id)).map((e) => e.type);
  const invoiceFor = async (tenant: Awaited<ReturnType<typeof createTenant>>, dueDate: string, send = true) => {
    const c = await createCustomer(t.db, tenant, { name: `C ${crypto.randomUUID().slice(0, 6)}` });
    return createInvoice(t.db, tenant, { customerId: c.id, issueDate: "2025-01-01", dueDate, send, lines: [{ description: "Work", quantity: 1, unitPrice: 10000 }] });
  };

  it("the overdue check emits invoice.overdue for each invoice it marks, and nothing when rolled back", async () => {
    const tenant = await createTenant(t.db);
    const late = await invoiceFor(tenant, "2025-03-01");
    const onTime = await invoiceFor(tenant, "2025-04-01");
    await expectRolledBackWithoutEvents(t.db, (tx) => markOverdueInvoices(tx, "2025-03-02"));
    expect((await getInvoice(t.db, tenant, late.id)).status).toBe("sent");
    await markOverdueInvoices(t.db, "2025-03-02");
    expect(await types(late.id)).toEqual(["invoice.created", "invoice.sent", "invoice.overdue"]);
    const [, , overdue] = await eventsOf(t.db, late.id);
    expect(overdue!.payload).toMatchObject({ invoiceId: late.id, status: "overdue" });
    expect(await types(onTime.id)).toEqual(["invoice.created", "invoice.sent"]);
  });

  it("voiding emits invoice.cancelled", async () => {
    const tenant = await createTenant(t.db);
    const inv = await invoiceFor(tenant, "2030-01-01", false);
    await voidInvoice(t.db, tenant, inv.id);
    expect(await types(inv.id)).toEqual(["invoice.created", "invoice.cancelled"]);
  });

  it("a refunded payment emits payment.refunded, reopens the paid invoice and leaves this month's takings", async () => {
    const tenant = await createTenant(t.db);
    const inv = await invoiceFor(tenant, "2030-01-01");
    const now = new Date("2025-06-15T12:00:00Z");
    const { payment } = await recordPayment(t.db, tenant, inv.id, { amount: 10000, paidAt: "2025-06-10" }, now);
    expect((await getDashboardSummary(t.db, tenant, now)).paidThisMonth).toMatchObject([{ amount: 10000 }]);
    await expectRolledBackWithoutEvents(t.db, (tx) => reversePayment(tx, tenant, payment.id, { outcome: "refunded" }, now));

    const { invoice } = await reversePayment(t.db, tenant, payment.id, { outcome: "refunded", reason: "Duplicate" }, now);
    expect(invoice).toMatchObject({ status: "sent", amountPaid: 0 });
    const events = await eventsOf(t.db, inv.id);
    expect(events.map((e) => e.type)).toEqual(["invoice.created", "invoice.sent", "payment.received", "invoice.paid", "payment.refunded", "invoice.updated"]);
    expect(events[4]!.payload).toEqual({ paymentId: payment.id, invoiceId: inv.id, amount: 10000, currency: "USD", reason: "Duplicate" });
    expect((await getDashboardSummary(t.db, tenant, now)).paidThisMonth).toEqual([]);
    // Once reversed, it cannot be reversed again.
    await expect(reversePayment(t.db, tenant, payment.id, { outcome: "failed" }, now)).rejects.toThrow("This payment is already refunded.");
  });

  it("a provider's refund (recordRefund) emits payment.refunded with the amount given back, and the refund row cannot be reversed", async () => {
    const tenant = await createTenant(t.db);
    const inv = await invoiceFor(tenant, "2030-01-01");
    await recordPayment(t.db, tenant, inv.id, { amount: 10000, paidAt: "2025-06-10" });
    await expectRolledBackWithoutEvents(t.db, (tx) => recordRefund(tx, tenant, inv.id, { amount: 2500, paidAt: "2025-06-12", method: "card", reference: "re_1" }));
    const { payment: refund, invoice } = await recordRefund(t.db, tenant, inv.id, { amount: 2500, paidAt: "2025-06-12", method: "card", reference: "re_1" });
    expect(invoice).toMatchObject({ status: "sent", amountPaid: 7500 });
    const events = await eventsOf(t.db, inv.id);
    expect(events.slice(-2).map((e) => e.type)).toEqual(["payment.refunded", "invoice.updated"]);
    expect(events.at(-2)!.payload).toEqual({ paymentId: refund.id, invoiceId: inv.id, amount: 2500, currency: "USD", reason: "Refunded at the payment provider" });
    await expect(reversePayment(t.db, tenant, refund.id, { outcome: "refunded" })).rejects.toThrow("This is a refund, not a payment");
    expect((await getInvoice(t.db, tenant, inv.id)).amountPaid).toBe(7500);
  });

  it("a failed payment past the due date makes the invoice overdue again and emits payment.failed", async () => {
    const tenant = await createTenant(t.db);
    const inv = await invoiceFor(tenant, "2025-02-01");
    const { payment } = await recordPayment(t.db, tenant, inv.id, { amount: 4000, paidAt: "2025-01-20" }, new Date("2025-01-20T12:00:00Z"));
    const { invoice } = await reversePayment(t.db, tenant, payment.id, { outcome: "failed", reason: "Cheque bounced" }, new Date("2025-01-25T12:00:00Z"));
    expect(invoice).toMatchObject({ status: "sent", amountPaid: 0 });
    expect((await t.db.select().from(payments).where(eq(payments.id, payment.id)))[0]).toMatchObject({ status: "failed", reversalReason: "Cheque bounced" });
    expect((await types(inv.id)).slice(-2)).toEqual(["payment.failed", "invoice.updated"]);

    const paidLate = await invoiceFor(tenant, "2025-02-01");
    const full = await recordPayment(t.db, tenant, paidLate.id, { amount: 10000, paidAt: "2025-01-20" }, new Date("2025-01-20T12:00:00Z"));
    const after = await reversePayment(t.db, tenant, full.payment.id, { outcome: "failed" }, new Date("2025-03-01T12:00:00Z"));
    expect(after.invoice).toMatchObject({ status: "overdue", amountPaid: 0 });
    expect((await types(paidLate.id)).slice(-2)).toEqual(["payment.failed", "invoice.overdue"]);
  });

  it("deleting a customer emits customer.deleted; a customer with invoices or quotes is refused", async () => {
    const tenant = await createTenant(t.db);
    const free = await createCustomer(t.db, tenant, { name: "Unused" });
    const project = await createProject(t.db, tenant, { name: "Keeps going", customerId: free.id });
    await expectRolledBackWithoutEvents(t.db, (tx) => deleteCustomer(tx, tenant, free.id));
    await deleteCustomer(t.db, tenant, free.id);
    expect(await types(free.id)).toEqual(["customer.created", "customer.deleted"]);
    expect(await t.db.select().from(customers).where(eq(customers.id, free.id))).toEqual([]);
    expect((await t.db.select().from(projects).where(eq(projects.id, project.id)))[0]!.customerId).toBeNull();

    const inv = await invoiceFor(tenant, "2030-01-01");
    await expect(deleteCustomer(t.db, tenant, inv.customerId)).rejects.toThrow(/has invoices; a customer with accounting records cannot be deleted/);
    const quoted = await createCustomer(t.db, tenant, { name: "Quoted" });
    await createQuote(t.db, tenant, { customerId: quoted.id, total: 1, validUntil: "2030-01-01" });
    await expect(deleteCustomer(t.db, tenant, quoted.id)).rejects.toBeInstanceOf(AccountingRuleError);
    expect(await types(quoted.id)).toEqual(["customer.created"]);
    // Another organisation's customer is not found, not deleted.
    const other = await createTenant(t.db);
    await expect(deleteCustomer(t.db, other, quoted.id)).rejects.toThrow("Customer not found");
  });
});
