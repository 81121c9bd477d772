import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments } from "@/drizzle/schema";
import { NotFoundError, type Tenant } from "@/lib/auth/tenant";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer } from "./customers";
import { createInvoice, getInvoice, voidInvoice } from "./invoices";
import { recordPayment } from "./payments";

describe("recording payments", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let a: Tenant;
  let b: Tenant;
  let customerId: string;
  const sentInvoice = (send = true) =>
    createInvoice(t.db, a, {
      customerId, issueDate: "2025-01-01", dueDate: "2025-01-31", send,
      lines: [{ description: "Work", quantity: 1, unitPrice: 10000 }],
    });
  const pay = (amount: number) => ({ amount, paidAt: "2025-01-15", method: "card" as const, reference: "r-1" });

  beforeAll(async () => {
    t = await createTestDb();
    a = await createTenant(t.db, "Org A");
    b = await createTenant(t.db, "Org B");
    customerId = (await createCustomer(t.db, a, { name: "Payer" })).id;
  });
  afterAll(async () => { await t?.close(); });

  it("adds partial payments and marks the invoice paid when the balance reaches zero", async () => {
    const inv = await sentInvoice();
    const first = await recordPayment(t.db, a, inv.id, pay(4000));
    expect(first.invoice).toMatchObject({ amountPaid: 4000, status: "sent" });
    expect(first.payment).toMatchObject({ amount: 4000, invoiceId: inv.id, customerId, method: "card", currency: "USD" });
    const second = await recordPayment(t.db, a, inv.id, pay(6000));
    expect(second.invoice).toMatchObject({ amountPaid: 10000, status: "paid" });
    expect((await getInvoice(t.db, a, inv.id)).payments).toHaveLength(2);
  });

  it("refuses an overpayment and leaves nothing changed", async () => {
    const inv = await sentInvoice();
    await recordPayment(t.db, a, inv.id, pay(2500));
    await expect(recordPayment(t.db, a, inv.id, pay(7501))).rejects.toMatchObject({
      code: "overpayment", field: "amount", message: "$75.01 is more than the balance of $75.00.",
    });
    const after = await getInvoice(t.db, a, inv.id);
    expect(after).toMatchObject({ amountPaid: 2500, status: "sent" });
    expect(await t.db.select().from(payments).where(eq(payments.invoiceId, inv.id))).toHaveLength(1);
  });

  it("refuses payments on void, draft and paid invoices", async () => {
    const v = await sentInvoice();
    await voidInvoice(t.db, a, v.id);
    await expect(recordPayment(t.db, a, v.id, pay(1))).rejects.toMatchObject({ code: "invoice_not_payable" });
    const d = await sentInvoice(false);
    await expect(recordPayment(t.db, a, d.id, pay(1))).rejects.toMatchObject({ code: "invoice_not_payable" });
    const p = await sentInvoice();
    await recordPayment(t.db, a, p.id, pay(10000));
    await expect(recordPayment(t.db, a, p.id, pay(1))).rejects.toMatchObject({ code: "overpayment" });
  });

  it("lets only one of two concurrent full payments through", async () => {
    const inv = await sentInvoice();
    const results = await Promise.allSettled([recordPayment(t.db, a, inv.id, pay(10000)), recordPayment(t.db, a, inv.id, pay(10000))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getInvoice(t.db, a, inv.id)).toMatchObject({ amountPaid: 10000, status: "paid" });
  });

  it("answers NotFoundError for another organisation's invoice", async () => {
    const inv = await sentInvoice();
    await expect(recordPayment(t.db, b, inv.id, pay(100))).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInvoice(t.db, a, inv.id)).amountPaid).toBe(0);
  });
});
