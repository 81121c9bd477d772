import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices, syncCheckpoints, syncLinks } from "@/drizzle/schema";
import { getAccessToken } from "@/lib/connections/refresh";
import { connectQuickBooks, control, closeWorld, createWorld, qboOf, syncNow, type World } from "./test-support";

// QuickBooks Customer and Invoice pulled into customers and invoices: a paged query (STARTPOSITION,
// MAXRESULTS 1000) for the first run, change data capture (cdc) for the next ones.
const CUSTOMERS = 500;
const INVOICES = 2_000;
let w: World;
let conn: { connectionId: string; realmId: string };
beforeAll(async () => {
  w = await createWorld();
  conn = await connectQuickBooks(w);
  // The books: 500 customers and 2,000 invoices, topped up from the company's defaults in one bulk seed call.
  const add = { customers: CUSTOMERS - company().live("Customer").length, invoices: INVOICES - company().live("Invoice").length };
  const seeded = await control(w, "seed", { provider: "quickbooks", account: conn.realmId, ...add });
  expect(seeded.created).toEqual(add);
}, 180_000);
afterAll(async () => {
  await closeWorld(w);
});

const company = () => qboOf(w).store.company(conn.realmId)!;
const org = () => w.owner.organisationId;
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const paidCents = (r: { data: Record<string, unknown> }) => cents(r.data.TotalAmt) - cents(r.data.Balance);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("QuickBooks pull", () => {
  it("a full pull leaves counts and invoice totals equal on both sides", async () => {
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    const remoteCustomers = company().live("Customer");
    const remoteInvoices = company().live("Invoice");
    expect(remoteCustomers.length).toBe(CUSTOMERS);
    expect(remoteInvoices.length).toBe(INVOICES);
    // Products (QuickBooks Item) and payments come along in a run of every entity.
    const items = company().live("Item").filter((r) => r.data.Active !== false).length + company().live("Payment").length;
    expect(run).toMatchObject({ status: "succeeded", failed: 0, created: CUSTOMERS + INVOICES + items, total: CUSTOMERS + INVOICES + items });
    const [c] = await w.db.select({ n: sql<number>`count(*)::int` }).from(customers).where(eq(customers.organisationId, org()));
    expect(c!.n).toBe(CUSTOMERS);
    const [i] = await w.db.select({ n: sql<number>`count(*)::int`, total: sql<string>`sum(${invoices.total})`, paid: sql<string>`sum(${invoices.amountPaid})` })
      .from(invoices).where(eq(invoices.organisationId, org()));
    expect(i!.n).toBe(INVOICES);
    expect(Number(i!.total)).toBe(sum(remoteInvoices.map((r) => cents(r.data.TotalAmt))));
    expect(Number(i!.paid)).toBe(sum(remoteInvoices.map(paidCents)));
    // Every invoice on its own: linked to its QuickBooks id with the SyncToken, same number, total and paid amount.
    const rows = await w.db.select({ externalId: syncLinks.externalId, version: syncLinks.remoteVersion, number: invoices.number, total: invoices.total, paid: invoices.amountPaid })
      .from(syncLinks).innerJoin(invoices, eq(invoices.id, syncLinks.localId))
      .where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.entity, "invoices")));
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(byId.size).toBe(INVOICES);
    const mismatches = remoteInvoices.filter((r) => {
      const l = byId.get(r.id);
      return !l || l.version !== String(r.syncToken) || l.number !== r.data.DocNumber || l.total !== cents(r.data.TotalAmt) || l.paid !== paidCents(r);
    });
    expect(mismatches.map((r) => r.id)).toEqual([]);
    // The checkpoint is QuickBooks' clock at the start of the run: recent enough for CDC.
    const [cp] = await w.db.select().from(syncCheckpoints).where(and(eq(syncCheckpoints.connectionId, conn.connectionId), eq(syncCheckpoints.entity, "invoices")));
    expect(Date.now() - cp!.modifiedSince!.getTime()).toBeLessThan(5 * 60_000);
  }, 300_000);

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
