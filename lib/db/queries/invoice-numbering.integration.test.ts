import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceCounters, invoices } from "@/drizzle/schema";
import type { Tenant } from "@/lib/auth/tenant";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer } from "./customers";
import { createInvoice } from "./invoices";
import { nextInvoiceNumber } from "./invoice-lines";

describe("invoice numbers from a per-organisation counter (issue 9.7)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  const draft = (customerId: string) => ({
    customerId, issueDate: "2025-03-01", dueDate: "2025-03-31", lines: [{ description: "Work", quantity: 1, unitPrice: 100 }],
  });
  const numbersOf = async (tenant: Tenant) =>
    (await t.db.select({ n: invoices.number }).from(invoices).where(eq(invoices.organisationId, tenant.organisationId))).map((r) => r.n).sort();
  const expected = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `INV-${String(from + i).padStart(4, "0")}`);

  beforeAll(async () => { t = await createTestDb(); });
  afterAll(async () => { await t?.close(); });

  it("gives 50 concurrent creations 50 unique, gap-free numbers and leaves the counter at 50", async () => {
    const a = await createTenant(t.db, "Busy Org");
    const customerId = (await createCustomer(t.db, a, { name: "Acme" })).id;
    const created = await Promise.all(Array.from({ length: 50 }, () => createInvoice(t.db, a, draft(customerId))));
    expect(new Set(created.map((i) => i.number)).size).toBe(50);
    expect(await numbersOf(a)).toEqual(expected(1, 50));
    const [counter] = await t.db.select().from(invoiceCounters).where(eq(invoiceCounters.organisationId, a.organisationId));
    expect(counter?.lastNumber).toBe(50);
  });

  it("returns the number of a rolled-back creation, so no gap appears", async () => {
    const a = await createTenant(t.db, "Rollback Org");
    const customerId = (await createCustomer(t.db, a, { name: "Acme" })).id;
    await createInvoice(t.db, a, draft(customerId));
    await expect(
      t.db.transaction(async (tx) => {
        expect(await nextInvoiceNumber(tx, a)).toBe("INV-0002");
        throw new Error("abandon this invoice");
      }),
    ).rejects.toThrow("abandon this invoice");
    expect((await createInvoice(t.db, a, draft(customerId))).number).toBe("INV-0002");
  });

  it("continues after the highest existing number for an organisation that has no counter yet", async () => {
    const a = await createTenant(t.db, "Imported Org");
    const customerId = (await createCustomer(t.db, a, { name: "Acme" })).id;
    await t.db.insert(invoices).values([
      { organisationId: a.organisationId, customerId, number: "INV-0041", issueDate: "2024-01-01", dueDate: "2024-01-31" },
      { organisationId: a.organisationId, customerId, number: "XERO-999", issueDate: "2024-01-01", dueDate: "2024-01-31" },
    ]);
    expect((await createInvoice(t.db, a, draft(customerId))).number).toBe("INV-0042");
    expect((await createInvoice(t.db, a, draft(customerId))).number).toBe("INV-0043");
  });

  it("numbers organisations independently", async () => {
    const a = await createTenant(t.db, "Org A");
    const b = await createTenant(t.db, "Org B");
    const ca = (await createCustomer(t.db, a, { name: "A" })).id;
    const cb = (await createCustomer(t.db, b, { name: "B" })).id;
    await Promise.all([createInvoice(t.db, a, draft(ca)), createInvoice(t.db, a, draft(ca)), createInvoice(t.db, b, draft(cb))]);
    expect(await numbersOf(a)).toEqual(expected(1, 2));
    expect(await numbersOf(b)).toEqual(expected(1, 1));
  });
});
