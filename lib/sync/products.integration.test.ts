import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products, syncLinks } from "@/drizzle/schema";
import { createProduct } from "@/lib/db/queries/products";
import { connectQuickBooks, connectXero, closeWorld, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Products both ways against the in-process sandbox: Xero Items and QuickBooks Item pulled into
// the app's products (equal counts and prices), local products pushed, and a push retried after
// the provider applied it (its link never committed) answered by the idempotency key / requestid.
let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

const localProducts = () => w.db.select().from(products).where(eq(products.organisationId, w.owner.organisationId));
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);

describe("products with Xero (Items)", () => {
  let conn: { connectionId: string; tenantId: string };
  const books = () => xeroOf(w).store.tenant(conn.tenantId)!;
  const named = (name: string) => books().list("Items").filter((r) => r.data.Name === name);

  it("a full pull leaves counts and prices equal on both sides", async () => {
    conn = await connectXero(w);
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull", entity: "products" });
    const remote = books().list("Items");
    expect(remote.length).toBeGreaterThan(0);
    expect(run).toMatchObject({ status: "succeeded", created: remote.length, failed: 0 });
    const local = await localProducts();
    expect(local).toHaveLength(remote.length);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(local.map((p) => p.unitPrice))).toBe(sum(remote.map((r) => cents((r.data.SalesDetails as { UnitPrice?: number } | undefined)?.UnitPrice))));
    expect(new Set(local.map((p) => p.sku))).toEqual(new Set(remote.map((r) => r.data.Code)));
    const again = await syncNow(w.db, w.owner, conn.connectionId, { direction: "pull", entity: "products" });
    expect(again).toMatchObject({ created: 0, updated: 0, failed: 0 });
  }, 60_000);

  it("a product created in the app appears at Xero; a retried push does not duplicate it", async () => {
    const p = await createProduct(w.db, w.owner, { name: "Widget Deluxe", sku: "WDG-DLX", description: "A better widget", unitPrice: 12_345 });
    const run = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "products" });
    expect(run).toMatchObject({ status: "succeeded", created: 1, failed: 0 });
    const [item] = named("Widget Deluxe");
    expect(item?.data).toMatchObject({ Code: "WDG-DLX", Description: "A better widget", SalesDetails: { UnitPrice: 123.45 } });
    // As if the job died after Xero answered and before the link committed: the same change, the same key.
    await w.db.delete(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, p.id)));
    const retry = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "products" });
    expect(retry.failed).toBe(0);
    expect(named("Widget Deluxe")).toHaveLength(1);
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, p.id)));
    expect(link!.externalId).toBe(item!.id);
  }, 60_000);
});

describe("products with QuickBooks (Item)", () => {
  let conn: { connectionId: string; realmId: string };
  const company = () => qboOf(w).store.company(conn.realmId)!;
  const named = (name: string) => company().live("Item").filter((r) => r.data.Name === name);

  it("a full pull brings every active item with its price; a product created in the app is pushed once, even when retried", async () => {
    conn = await connectQuickBooks(w);
    const before = (await localProducts()).length;
    const run = await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull", entity: "products" });
    const remote = company().live("Item").filter((r) => r.data.Active !== false);
    expect(run).toMatchObject({ status: "succeeded", created: remote.length, failed: 0 });
    const links = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.entity, "products")));
    expect(links).toHaveLength(remote.length);
    const [{ n }] = await w.db.select({ n: sql<number>`count(*)::int` }).from(products).where(eq(products.organisationId, w.owner.organisationId)) as [{ n: number }];
    expect(n).toBe(before + remote.length);
    const ids = links.map((l) => l.localId);
    const pulled = (await localProducts()).filter((p) => ids.includes(p.id));
    expect(pulled.reduce((s, p) => s + p.unitPrice, 0)).toBe(remote.reduce((s, r) => s + cents(r.data.UnitPrice), 0));

    const p = await createProduct(w.db, w.owner, { name: "QBO Gadget", sku: "GDG-1", unitPrice: 5_000 });
    const push = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "products" });
    expect(push.failed).toBe(0);
    const [item] = named("QBO Gadget");
    expect(item?.data).toMatchObject({ Sku: "GDG-1", UnitPrice: 50, Type: "Service", IncomeAccountRef: { value: "79" } });
    await w.db.delete(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.localId, p.id)));
    const retry = await syncNow(w.db, w.owner, conn.connectionId, { direction: "push", entity: "products" });
    expect(retry.failed).toBe(0);
    // QuickBooks answers the same requestid with the first result: still one item.
    expect(named("QBO Gadget")).toHaveLength(1);
  }, 60_000);
});
