import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceLines } from "@/drizzle/schema";
import { NotFoundError, type Tenant } from "@/lib/auth/tenant";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer } from "./customers";
import {
  createInvoice, getInvoice, listInvoices, markInvoiceSent, markOverdueInvoices, updateInvoice, voidInvoice,
} from "./invoices";
import { createTaxRate } from "./tax-rates";

describe("invoice queries", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let a: Tenant;
  let b: Tenant;
  let customerId: string;
  let vat: string;
  const draft = (over: Record<string, unknown> = {}) => ({
    customerId,
    issueDate: "2025-01-10",
    dueDate: "2025-02-10",
    lines: [{ description: "Consulting", quantity: 2, unitPrice: 5000, taxRateId: vat }, { description: "Travel", quantity: 1, unitPrice: 1250 }],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestDb();
    a = await createTenant(t.db, "Org A");
    b = await createTenant(t.db, "Org B");
    customerId = (await createCustomer(t.db, a, { name: "Acme", currency: "EUR" })).id;
    vat = (await createTaxRate(t.db, a, { name: "VAT 20%", rateBps: 2000 })).id;
  });
  afterAll(async () => { await t?.close(); });

  it("stores totals computed from the lines, lines in order, currency from the customer", async () => {
    const inv = await createInvoice(t.db, a, draft());
    expect(inv).toMatchObject({ status: "draft", currency: "EUR", subtotal: 11250, taxTotal: 2000, total: 13250, amountPaid: 0 });
    expect(inv.number).toMatch(/^INV-\d{4}$/);
    const detail = await getInvoice(t.db, a, inv.id);
    expect(detail.customerName).toBe("Acme");
    expect(detail.lines.map((l) => [l.description, l.amount, l.taxAmount, l.taxRateName])).toEqual([
      ["Consulting", 10000, 2000, "VAT 20%"],
      ["Travel", 1250, 0, null],
    ]);
  });

  it("gives 10 concurrent creates 10 distinct consecutive numbers", async () => {
    const org = await createTenant(t.db, "Busy Org");
    const cust = (await createCustomer(t.db, org, { name: "Busy customer" })).id;
    const created = await Promise.all(
      Array.from({ length: 10 }, () =>
        createInvoice(t.db, org, { customerId: cust, issueDate: "2025-01-01", dueDate: "2025-01-31", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] }),
      ),
    );
    const numbers = created.map((i) => i.number).sort();
    expect(new Set(numbers).size).toBe(10);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `INV-${String(i + 1).padStart(4, "0")}`));
  });

  it("numbers each organisation independently", async () => {
    const org = await createTenant(t.db, "Fresh Org");
    const cust = (await createCustomer(t.db, org, { name: "c" })).id;
    const inv = await createInvoice(t.db, org, { ...draft(), customerId: cust, lines: [{ description: "x", quantity: 1, unitPrice: 1 }] });
    expect(inv.number).toBe("INV-0001");
  });

  it("refuses another organisation's customer, tax rate and invoice", async () => {
    const bCustomer = (await createCustomer(t.db, b, { name: "B's customer" })).id;
    await expect(createInvoice(t.db, a, draft({ customerId: bCustomer }))).rejects.toBeInstanceOf(NotFoundError);
    const bCust = await createCustomer(t.db, b, { name: "B2" });
    await expect(createInvoice(t.db, b, draft({ customerId: bCust.id }))).rejects.toMatchObject({
      code: "invalid_reference", field: "lines.0.taxRateId",
    });
    const inv = await createInvoice(t.db, a, draft());
    await expect(getInvoice(t.db, b, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(markInvoiceSent(t.db, b, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateInvoice(t.db, b, inv.id, { notes: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(voidInvoice(t.db, b, inv.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getInvoice(t.db, a, inv.id)).status).toBe("draft");
  });

  it("replaces a draft's lines and totals; locks lines once sent", async () => {
    const inv = await createInvoice(t.db, a, draft());
    const u = await updateInvoice(t.db, a, inv.id, { lines: [{ description: "Only line", quantity: 3, unitPrice: 300 }] });
    expect(u).toMatchObject({ subtotal: 900, taxTotal: 0, total: 900 });
    const rows = await t.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv.id));
    expect(rows).toHaveLength(1);
    await markInvoiceSent(t.db, a, inv.id);
    await expect(updateInvoice(t.db, a, inv.id, { lines: [{ description: "Sneaky", quantity: 1, unitPrice: 1 }] }))
      .rejects.toMatchObject({ code: "invoice_locked" });
    expect((await getInvoice(t.db, a, inv.id)).lines.map((l) => l.description)).toEqual(["Only line"]);
    expect((await updateInvoice(t.db, a, inv.id, { notes: "Thanks" })).notes).toBe("Thanks");
  });

  it("follows the status rules for sending and voiding", async () => {
    const inv = await createInvoice(t.db, a, draft());
    expect((await markInvoiceSent(t.db, a, inv.id)).status).toBe("sent");
    await expect(markInvoiceSent(t.db, a, inv.id)).rejects.toBeInstanceOf(AccountingRuleError);
    expect((await voidInvoice(t.db, a, inv.id)).status).toBe("void");
    await expect(voidInvoice(t.db, a, inv.id)).rejects.toBeInstanceOf(AccountingRuleError);
  });

  it("marks sent invoices past due as overdue in one batch, across organisations", async () => {
    const bCust = (await createCustomer(t.db, b, { name: "Late payer" })).id;
    const late = await createInvoice(t.db, a, draft({ dueDate: "2025-03-01", send: true }));
    const lateB = await createInvoice(t.db, b, { customerId: bCust, issueDate: "2025-01-01", dueDate: "2025-03-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 1 }] });
    const notYet = await createInvoice(t.db, a, draft({ dueDate: "2025-03-02", send: true }));
    const stillDraft = await createInvoice(t.db, a, draft({ dueDate: "2025-02-01" }));
    const changed = await markOverdueInvoices(t.db, "2025-03-02");
    expect(changed.map((r) => r.id)).toEqual(expect.arrayContaining([late.id, lateB.id]));
    expect(changed.map((r) => r.id)).not.toContain(notYet.id);
    expect((await getInvoice(t.db, a, late.id)).status).toBe("overdue");
    expect((await getInvoice(t.db, b, lateB.id)).status).toBe("overdue");
    expect((await getInvoice(t.db, a, notYet.id)).status).toBe("sent");
    expect((await getInvoice(t.db, a, stillDraft.id)).status).toBe("draft");
    // Extending the due date of an overdue invoice puts it back to sent.
    expect((await updateInvoice(t.db, a, late.id, { dueDate: "2199-01-01" })).status).toBe("sent");
  });

  it("lists with status filter, search by number or customer, and pagination", async () => {
    const org = await createTenant(t.db, "List Org");
    const alpha = (await createCustomer(t.db, org, { name: "Alpha" })).id;
    const beta = (await createCustomer(t.db, org, { name: "Beta" })).id;
    const line = [{ description: "x", quantity: 1, unitPrice: 100 }];
    for (let i = 0; i < 5; i++) {
      await createInvoice(t.db, org, { customerId: i < 3 ? alpha : beta, issueDate: `2025-01-0${i + 1}`, dueDate: "2025-12-31", send: i % 2 === 0, lines: line });
    }
    const page = await listInvoices(t.db, org, { limit: 2, offset: 0 });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.number)).toEqual(["INV-0005", "INV-0004"]);
    expect((await listInvoices(t.db, org, { limit: 2, offset: 4 })).rows.map((r) => r.number)).toEqual(["INV-0001"]);
    expect((await listInvoices(t.db, org, { status: "sent" })).total).toBe(3);
    expect((await listInvoices(t.db, org, { q: "beta" })).rows.map((r) => r.customerName)).toEqual(["Beta", "Beta"]);
    expect((await listInvoices(t.db, org, { q: "INV-0003" })).rows.map((r) => r.number)).toEqual(["INV-0003"]);
    expect((await listInvoices(t.db, org, { q: "beta", status: "draft" })).total).toBe(1);
  });
});
