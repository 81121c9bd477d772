import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices, syncLinks } from "@/drizzle/schema";
import { connectXero, control, closeWorld, createWorld, syncNow, xeroOf, type World } from "./test-support";

// Against the in-process sandbox and a real database: Xero Contacts and Invoices pulled page by
// page (100 a page, If-Modified-Since) into customers and invoices.
const CONTACTS = 500;
const INVOICES = 2_000;
let w: World;
let conn: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  conn = await connectXero(w);
  // The books: 500 contacts and 2,000 invoices (the tenant starts with 30 and 150), in one
  // bulk seed call.
  const seeded = await control(w, "seed", { provider: "xero", account: conn.tenantId, contacts: CONTACTS - 30, invoices: INVOICES - 150 });
  expect(seeded.created).toEqual({ contacts: CONTACTS - 30, invoices: INVOICES - 150 });
}, 180_000);
afterAll(async () => {
  await closeWorld(w);
});

const books = () => xeroOf(w).store.tenant(conn.tenantId)!;
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const localCount = async (table: typeof customers | typeof invoices) =>
  (await w.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.organisationId, w.owner.organisationId)))[0]!.n;

describe("Xero pull", () => {
  it("a full pull leaves counts and invoice totals equal on both sides", async () => {
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    const remoteContacts = books().list("Contacts");
    const remoteInvoices = books().list("Invoices").filter((i) => i.data.Status !== "DELETED");
    expect(remoteContacts.length).toBe(CONTACTS);
    expect(remoteInvoices.length).toBe(INVOICES);
    expect(run.status).toBe("succeeded");
    expect(run.failed).toBe(0);
    // Products (Xero Items) and payments come along in a run of every entity.
    const items = books().list("Items").length + books().list("Payments").filter((p) => p.data.Status !== "DELETED").length;
    expect(run.created).toBe(CONTACTS + INVOICES + items);
    expect(run.total).toBe(CONTACTS + INVOICES + items);
    expect(await localCount(customers)).toBe(CONTACTS);
    expect(await localCount(invoices)).toBe(INVOICES);
    const [local] = await w.db.select({ total: sql<number>`sum(${invoices.total})::bigint`, paid: sql<number>`sum(${invoices.amountPaid})::bigint` })
      .from(invoices).where(eq(invoices.organisationId, w.owner.organisationId));
    expect(Number(local!.total)).toBe(sum(remoteInvoices.map((i) => cents(i.data.Total))));
    expect(Number(local!.paid)).toBe(sum(remoteInvoices.map((i) => cents(i.data.AmountPaid))));
    // Every invoice on its own: linked to its Xero id with the remote version, same number, total and paid amount.
    const rows = await w.db.select({ externalId: syncLinks.externalId, version: syncLinks.remoteVersion, number: invoices.number, total: invoices.total, paid: invoices.amountPaid })
      .from(syncLinks).innerJoin(invoices, eq(invoices.id, syncLinks.localId))
      .where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.entity, "invoices")));
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(byId.size).toBe(INVOICES);
    const mismatches = remoteInvoices.filter((i) => {
      const r = byId.get(i.id);
      return !r || r.version !== String(i.updatedAt) || r.number !== i.data.InvoiceNumber || r.total !== cents(i.data.Total) || r.paid !== cents(i.data.AmountPaid);
    });
    expect(mismatches.map((i) => i.id)).toEqual([]);
    const links = await w.db.select({ n: sql<number>`count(*)::int` }).from(syncLinks).where(eq(syncLinks.connectionId, conn.connectionId));
    expect(links[0]!.n).toBe(CONTACTS + INVOICES + items);
  }, 300_000);

  it("a second incremental run touches exactly the 10 records changed in the sandbox", async () => {
    const calm = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull" });
    expect({ created: calm.created, updated: calm.updated, failed: calm.failed }).toEqual({ created: 0, updated: 0, failed: 0 });
    const changed = books().list("Invoices").slice(0, 5).map((r) => r.id);
    const changedContacts = books().list("Contacts").slice(0, 5).map((r) => r.id);
    for (const id of changed) await control(w, "change", { provider: "xero", entity: "invoice", id, account: conn.tenantId, fields: { Reference: `changed ${id.slice(0, 6)}` } });
    for (const id of changedContacts) await control(w, "change", { provider: "xero", entity: "contact", id, account: conn.tenantId, fields: { EmailAddress: `changed-${id.slice(0, 6)}@example.com` } });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull" });
    expect(run.status).toBe("succeeded");
    expect({ created: run.created, updated: run.updated, unchanged: run.unchanged, failed: run.failed }).toEqual({ created: 0, updated: 10, unchanged: 0, failed: 0 });
    const linked = await w.db.select({ localId: syncLinks.localId }).from(syncLinks)
      .where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.externalId, changed[0]!)));
    const [inv] = await w.db.select().from(invoices).where(eq(invoices.id, linked[0]!.localId));
    expect(inv!.notes).toBe(`changed ${changed[0]!.slice(0, 6)}`);
  }, 120_000);
});
