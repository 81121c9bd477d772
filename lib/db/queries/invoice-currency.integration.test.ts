import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "@/lib/auth/tenant";
import { invoiceFormSchema } from "@/lib/accounting/form-schemas";
import { formatMoney } from "@/lib/accounting/money";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer } from "./customers";
import { getRecentInvoices } from "./dashboard";
import { createInvoice, getInvoice, listInvoices } from "./invoices";

describe("invoices in zero- and three-decimal currencies (issue 9.1)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let a: Tenant;

  beforeAll(async () => {
    t = await createTestDb();
    a = await createTenant(t.db, "Yen Org");
  });
  afterAll(async () => { await t?.close(); });

  const typed = (currency: string, customerId: string, unitPrice: string) =>
    invoiceFormSchema(currency).parse({
      customerId, issueDate: "2026-01-10", dueDate: "2026-02-10", lines: [{ description: "Work", quantity: "1", unitPrice }],
    });

  it("stores ¥12,000 typed in the form as 12000 minor units and shows ¥12,000 in list, detail and dashboard", async () => {
    const customerId = (await createCustomer(t.db, a, { name: "Tanaka KK", currency: "JPY" })).id;
    const inv = await createInvoice(t.db, a, typed("JPY", customerId, "12,000"));
    expect(inv).toMatchObject({ currency: "JPY", subtotal: 12000, total: 12000 });
    const detail = await getInvoice(t.db, a, inv.id);
    const listed = (await listInvoices(t.db, a)).rows.find((r) => r.id === inv.id)!;
    const recent = (await getRecentInvoices(t.db, a)).find((r) => r.id === inv.id)!;
    for (const row of [detail, listed, recent]) expect(formatMoney(row.total, row.currency)).toBe("¥12,000");
  });

  it("keeps BHD's three decimals from typing to display", async () => {
    const customerId = (await createCustomer(t.db, a, { name: "Manama WLL", currency: "BHD" })).id;
    const inv = await createInvoice(t.db, a, typed("BHD", customerId, "1.005"));
    expect(inv.total).toBe(1005);
    expect(formatMoney(inv.total, inv.currency)).toBe("BHD\u00a01.005");
  });

  it("refuses a customer in a currency that does not exist", async () => {
    await expect(createCustomer(t.db, a, { name: "Nowhere", currency: "XYZ" })).rejects.toThrow(/ISO 4217/);
  });
});
