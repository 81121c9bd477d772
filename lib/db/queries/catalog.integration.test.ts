import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, type Tenant } from "@/lib/auth/tenant";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer } from "./customers";
import { createExpense, getExpense, listExpenses } from "./expenses";
import { createInvoice } from "./invoices";
import { getLedgerAccount, listLedgerAccounts, upsertLedgerAccounts } from "./ledger-accounts";
import { createProduct, getProduct, listProducts } from "./products";
import { createTaxRate, getTaxRate, listTaxRates } from "./tax-rates";

describe("products, tax rates, chart of accounts and expenses", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    t = await createTestDb();
    a = await createTenant(t.db, "Org A");
    b = await createTenant(t.db, "Org B");
  });
  afterAll(async () => { await t?.close(); });

  it("keeps each organisation's catalog to itself", async () => {
    const p = await createProduct(t.db, a, { name: "Widget", sku: "W-1", unitPrice: 999 });
    const r = await createTaxRate(t.db, a, { name: "GST", rateBps: 1500 });
    expect((await listProducts(t.db, a, { q: "w-1" })).rows.map((x) => x.id)).toEqual([p.id]);
    expect((await listProducts(t.db, b)).total).toBe(0);
    expect(await listTaxRates(t.db, b)).toEqual([]);
    await expect(getProduct(t.db, b, p.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTaxRate(t.db, b, r.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses an invoice line pointing at another organisation's product", async () => {
    const p = await createProduct(t.db, a, { name: "Secret widget", unitPrice: 1 });
    const customerId = (await createCustomer(t.db, b, { name: "B customer" })).id;
    await expect(
      createInvoice(t.db, b, {
        customerId, issueDate: "2025-01-01", dueDate: "2025-01-02",
        lines: [{ description: "x", quantity: 1, unitPrice: 1, productId: p.id }],
      }),
    ).rejects.toMatchObject({ code: "invalid_reference", field: "lines.0.productId" });
  });

  it("upserts the chart of accounts by code, in one insert, without overwriting", async () => {
    await upsertLedgerAccounts(t.db, a, [
      { code: "4000", name: "Sales", type: "revenue" },
      { code: "6000", name: "Office", type: "expense" },
    ]);
    await upsertLedgerAccounts(t.db, a, [{ code: "4000", name: "Renamed", type: "revenue" }]);
    const accounts = await listLedgerAccounts(t.db, a);
    expect(accounts.map((x) => [x.code, x.name])).toEqual([["4000", "Sales"], ["6000", "Office"]]);
    expect(await listLedgerAccounts(t.db, b)).toEqual([]);
    await expect(getLedgerAccount(t.db, b, accounts[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("books expenses only to the organisation's own accounts", async () => {
    const [office] = (await listLedgerAccounts(t.db, a)).filter((x) => x.code === "6000");
    const e = await createExpense(t.db, a, { vendor: "Paper Co", amount: 2599, spentAt: "2025-02-01", accountId: office!.id });
    expect((await getExpense(t.db, a, e.id)).accountId).toBe(office!.id);
    await expect(createExpense(t.db, b, { vendor: "x", amount: 1, spentAt: "2025-02-01", accountId: office!.id }))
      .rejects.toBeInstanceOf(NotFoundError);
    expect((await listExpenses(t.db, a, { q: "paper" })).total).toBe(1);
    expect((await listExpenses(t.db, b)).total).toBe(0);
  });
});
