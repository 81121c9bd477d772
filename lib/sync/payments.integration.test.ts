import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, payments, syncLinks } from "@/drizzle/schema";
import { connectQuickBooks, connectXero, closeWorld, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Payments pulled from Xero (Payments) and QuickBooks (Payment applied through LinkedTxn), after
// the invoices they are applied to: equal counts and totals, each on its linked invoice.
let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function pulledPayments(connectionId: string) {
  const links = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, "payments")));
  const rows = await w.db.select().from(payments).where(eq(payments.organisationId, w.owner.organisationId));
  const mine = new Set(links.map((l) => l.localId));
  return { links, rows: rows.filter((p) => mine.has(p.id)) };
}

async function invoiceLink(connectionId: string, localInvoiceId: string) {
  const [l] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, "invoices"), eq(syncLinks.localId, localInvoiceId)));
  return l?.externalId;
}

describe("payments pulled", () => {
  it("Xero: every payment arrives with its amount, on the invoice it is applied to; a second run changes nothing", async () => {
    const conn = await connectXero(w);
    const books = xeroOf(w).store.tenant(conn.tenantId)!;
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    expect(run).toMatchObject({ status: "succeeded", failed: 0 });
    const remote = books.list("Payments").filter((p) => p.data.Status !== "DELETED");
    expect(remote.length).toBeGreaterThan(0);
    const { links, rows } = await pulledPayments(conn.connectionId);
    expect(rows).toHaveLength(remote.length);
    expect(sum(rows.map((p) => p.amount))).toBe(sum(remote.map((p) => cents(p.data.Amount))));
    const one = remote[0]!;
    const local = rows.find((p) => p.id === links.find((l) => l.externalId === one.id)!.localId)!;
    expect(await invoiceLink(conn.connectionId, local.invoiceId!)).toBe((one.data.Invoice as { InvoiceID: string }).InvoiceID);
    const again = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull", entity: "payments" });
    expect(again).toMatchObject({ created: 0, updated: 0, failed: 0 });
  }, 120_000);

  it("QuickBooks: every payment arrives on the invoice its LinkedTxn names, totals equal", async () => {
    const conn = await connectQuickBooks(w);
    const company = qboOf(w).store.company(conn.realmId)!;
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    expect(run.failed).toBe(0);
    const remote = company.live("Payment");
    expect(remote.length).toBeGreaterThan(0);
    const { links, rows } = await pulledPayments(conn.connectionId);
    expect(rows).toHaveLength(remote.length);
    expect(sum(rows.map((p) => p.amount))).toBe(sum(remote.map((p) => cents(p.data.TotalAmt))));
    const one = remote[0]!;
    const local = rows.find((p) => p.id === links.find((l) => l.externalId === one.id)!.localId)!;
    const linked = ((one.data.Line as { LinkedTxn: { TxnId: string }[] }[])[0]!.LinkedTxn[0]!).TxnId;
    expect(await invoiceLink(conn.connectionId, local.invoiceId!)).toBe(linked);
    const [inv] = await w.db.select().from(invoices).where(eq(invoices.id, local.invoiceId!));
    expect(inv!.amountPaid).toBeGreaterThanOrEqual(local.amount);
  }, 120_000);
});
