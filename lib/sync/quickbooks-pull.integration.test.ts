import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices, syncCheckpoints } from "@/drizzle/schema";
import { getAccessToken } from "@/lib/connections/refresh";
import { connectQuickBooks, control, closeWorld, createWorld, qboOf, syncNow, type World } from "./test-support";

// QuickBooks Customer and Invoice pulled into customers and invoices: a paged query (STARTPOSITION,
// MAXRESULTS 1000) for the first run, change data capture (cdc) for the next ones.
let w: World;
let conn: { connectionId: string; realmId: string };
beforeAll(async () => {
  w = await createWorld();
  conn = await connectQuickBooks(w);
  await control(w, "seed", { provider: "quickbooks", entity: "Customer", count: 160, account: conn.realmId });
  await control(w, "seed", { provider: "quickbooks", entity: "Invoice", count: 180, account: conn.realmId });
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

const company = () => qboOf(w).store.company(conn.realmId)!;
const org = () => w.owner.organisationId;

describe("QuickBooks pull", () => {
  it("a full pull leaves counts and invoice totals equal on both sides", async () => {
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    const remoteCustomers = company().live("Customer");
    const remoteInvoices = company().live("Invoice");
    expect(remoteCustomers.length).toBe(200);
    expect(remoteInvoices.length).toBe(300);
    // Products (QuickBooks Item) and payments come along in a run of every entity.
    const items = company().live("Item").filter((r) => r.data.Active !== false).length + company().live("Payment").length;
    expect(run).toMatchObject({ status: "succeeded", failed: 0, created: 500 + items, total: 500 + items });
    const [c] = await w.db.select({ n: sql<number>`count(*)::int` }).from(customers).where(eq(customers.organisationId, org()));
    expect(c!.n).toBe(200);
    const [i] = await w.db.select({ n: sql<number>`count(*)::int`, total: sql<string>`sum(${invoices.total})`, paid: sql<string>`sum(${invoices.amountPaid})` })
      .from(invoices).where(eq(invoices.organisationId, org()));
    expect(i!.n).toBe(300);
    expect(Number(i!.total)).toBe(remoteInvoices.reduce((s, r) => s + Math.round(Number(r.data.TotalAmt) * 100), 0));
    expect(Number(i!.paid)).toBe(remoteInvoices.reduce((s, r) => s + Math.round((Number(r.data.TotalAmt) - Number(r.data.Balance)) * 100), 0));
    // The checkpoint is QuickBooks' clock at the start of the run: recent enough for CDC.
    const [cp] = await w.db.select().from(syncCheckpoints).where(and(eq(syncCheckpoints.connectionId, conn.connectionId), eq(syncCheckpoints.entity, "invoices")));
    expect(Date.now() - cp!.modifiedSince!.getTime()).toBeLessThan(60_000);
  }, 120_000);

  it("changing 10 in the sandbox makes the next incremental run (CDC) update exactly those 10", async () => {
    const inv = company().live("Invoice").slice(0, 5);
    const cus = company().live("Customer").slice(0, 5);
    for (const r of inv) await control(w, "change", { provider: "quickbooks", entity: "Invoice", id: r.id, account: conn.realmId, fields: { PrivateNote: `note ${r.id}` } });
    for (const r of cus) await control(w, "change", { provider: "quickbooks", entity: "Customer", id: r.id, account: conn.realmId, fields: { PrimaryPhone: { FreeFormNumber: `555-01${r.id}` } } });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull" });
    expect(run).toMatchObject({ status: "succeeded", created: 0, updated: 10, failed: 0, deleted: 0 });
    const notes = await w.db.select({ notes: invoices.notes }).from(invoices).where(eq(invoices.notes, `note ${inv[0]!.id}`));
    expect(notes).toHaveLength(1);
  }, 120_000);

  it("an invoice deleted at QuickBooks is voided locally (the default policy), never deleted", async () => {
    const victim = company().live("Invoice")[7]!;
    // Deleted through the QuickBooks API, as a person at QuickBooks would.
    const token = await getAccessToken(w.db, w.owner, conn.connectionId);
    const res = await fetch(`${w.sandbox.origin}/quickbooks/api/v3/company/${conn.realmId}/invoice?operation=delete`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ Id: victim.id, SyncToken: String(victim.syncToken) }),
    });
    expect(res.status).toBe(200);
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull", entity: "invoices" });
    expect(run).toMatchObject({ status: "succeeded", deleted: 1, updated: 0 });
    const rows = await w.db.select({ status: invoices.status }).from(invoices).where(eq(invoices.number, String(victim.data.DocNumber)));
    expect(rows).toEqual([{ status: "void" }]);
  }, 60_000);
});
