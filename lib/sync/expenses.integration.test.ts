import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncLinks } from "@/drizzle/schema";
import { createExpense } from "@/lib/db/queries/expenses";
import { countPending } from "./local-records";
import { connectQuickBooks, connectXero, closeWorld, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Expenses entered in the app are pushed: Xero bank transactions (SPEND), QuickBooks Purchase;
// a push retried after the provider applied it (link never committed) creates nothing twice.
let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

describe("expenses pushed", () => {
  it("Xero: an expense becomes a SPEND bank transaction, once even when retried", async () => {
    const conn = await connectXero(w);
    const books = xeroOf(w).store.tenant(conn.tenantId)!;
    const vendor = String(books.list("Contacts")[0]!.data.Name);
    const e = await createExpense(w.db, w.owner, { vendor, description: "Printer paper", amount: 4_250, spentAt: "2026-11-10" });
    expect(await countPending(w.db, w.owner.organisationId, conn.connectionId, "expenses")).toBe(1);
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "expenses" });
    expect(run).toMatchObject({ status: "succeeded", created: 1, failed: 0 });
    const spent = () => books.list("BankTransactions").filter((t) => t.data.Type === "SPEND" && (t.data.LineItems as { Description?: string }[])[0]?.Description === "Printer paper");
    expect(spent()).toHaveLength(1);
    expect(spent()[0]!.data).toMatchObject({ Contact: { Name: vendor }, BankAccount: { Code: "090" }, SubTotal: 42.5, LineItems: [{ AccountCode: "400", UnitAmount: 42.5 }] });
    expect(await countPending(w.db, w.owner.organisationId, conn.connectionId, "expenses")).toBe(0);
    await w.db.delete(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, e.id)));
    const retry = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "expenses" });
    expect(retry.failed).toBe(0);
    expect(spent()).toHaveLength(1);
  }, 60_000);

  it("QuickBooks: an expense becomes a Purchase from Checking to Office Expenses, once even when retried", async () => {
    const conn = await connectQuickBooks(w);
    const company = qboOf(w).store.company(conn.realmId)!;
    const before = company.live("Purchase").length;
    const e = await createExpense(w.db, w.owner, { vendor: "Staples", description: "Toner", amount: 9_900, spentAt: "2026-11-11" });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "expenses" });
    expect(run.failed).toBe(0);
    const made = () => company.live("Purchase").filter((p) => p.data.TotalAmt === 99);
    expect(company.live("Purchase").length).toBeGreaterThan(before);
    expect(made()).toHaveLength(1);
    expect(made()[0]!.data).toMatchObject({ PaymentType: "Cash", AccountRef: { value: "35" }, TxnDate: "2026-11-11" });
    await w.db.delete(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, e.id)));
    const retry = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "expenses" });
    expect(retry.failed).toBe(0);
    expect(made()).toHaveLength(1);
  }, 60_000);
});
