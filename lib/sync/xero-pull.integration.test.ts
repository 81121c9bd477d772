import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices, syncLinks } from "@/drizzle/schema";
import { connectXero, control, closeWorld, createWorld, syncNow, xeroOf, type World } from "./test-support";

// Against the in-process sandbox and a real database: Xero Contacts and Invoices pulled page by
// page (100 a page, If-Modified-Since) into customers and invoices.
let w: World;
let conn: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  conn = await connectXero(w);
  // A few hundred of each (the tenant starts with 30 contacts and 150 invoices).
  await control(w, "seed", { provider: "xero", entity: "Contacts", count: 270, account: conn.tenantId });
  await control(w, "seed", { provider: "xero", entity: "Invoices", count: 150, account: conn.tenantId });
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

const books = () => xeroOf(w).store.tenant(conn.tenantId)!;
const localCount = async (table: typeof customers | typeof invoices) =>
  (await w.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.organisationId, w.owner.organisationId)))[0]!.n;

describe("Xero pull", () => {
  it("a full pull leaves counts and invoice totals equal on both sides", async () => {
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    const remoteContacts = books().list("Contacts");
    const remoteInvoices = books().list("Invoices").filter((i) => i.data.Status !== "DELETED");
    expect(remoteContacts.length).toBe(300);
    expect(remoteInvoices.length).toBe(300);
    expect(run.status).toBe("succeeded");
    expect(run.failed).toBe(0);
    // Products (Xero Items) and payments come along in a run of every entity.
    const items = books().list("Items").length + books().list("Payments").filter((p) => p.data.Status !== "DELETED").length;
    expect(run.created).toBe(600 + items);
    expect(run.total).toBe(600 + items);
    expect(await localCount(customers)).toBe(300);
    expect(await localCount(invoices)).toBe(300);
    const remoteTotal = remoteInvoices.reduce((s, i) => s + Math.round(Number(i.data.Total) * 100), 0);
    const [local] = await w.db.select({ total: sql<number>`sum(${invoices.total})::bigint`, paid: sql<number>`sum(${invoices.amountPaid})::bigint` })
      .from(invoices).where(eq(invoices.organisationId, w.owner.organisationId));
    expect(Number(local!.total)).toBe(remoteTotal);
    expect(Number(local!.paid)).toBe(remoteInvoices.reduce((s, i) => s + Math.round(Number(i.data.AmountPaid) * 100), 0));
    // Every local record is linked to its Xero id, with the remote version.
    const links = await w.db.select().from(syncLinks).where(eq(syncLinks.connectionId, conn.connectionId));
    expect(links).toHaveLength(600 + items);
    const inv = remoteInvoices[0]!;
    const link = links.find((l) => l.externalId === inv.id)!;
    expect(link.remoteVersion).toBe(String(inv.updatedAt));
    const [row] = await w.db.select().from(invoices).where(eq(invoices.id, link.localId));
    expect(row!.number).toBe(inv.data.InvoiceNumber);
  }, 120_000);

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
