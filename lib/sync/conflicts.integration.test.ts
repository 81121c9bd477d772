import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, syncConflicts, syncLinks } from "@/drizzle/schema";
import { updateCustomer } from "@/lib/db/queries/customers";
import { saveEntitySettings } from "./settings";
import { connectQuickBooks, connectXero, control, closeWorld, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// A record changed in the app and at the provider since the last sync: each policy resolves as
// configured, and every conflict is recorded with both versions.
let w: World;
let xero: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  xero = await connectXero(w);
  await syncNow(w.db, w.owner, xero.connectionId, { direction: "pull", entity: "customers", mode: "full" });
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

const books = () => xeroOf(w).store.tenant(xero.tenantId)!;
let nth = 0;

/** Changes the nth pulled contact locally and at Xero (in the given order); returns its local id. */
async function conflictOn(order: "app-first" | "provider-first") {
  const contact = books().list("Contacts")[nth++]!;
  const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, xero.connectionId), eq(syncLinks.externalId, contact.id)));
  const local = () => updateCustomer(w.db, w.owner, link!.localId, { name: `App name ${nth}` });
  const remote = () => control(w, "change", { provider: "xero", entity: "contact", id: contact.id, account: xero.tenantId, fields: { Name: `Xero name ${nth}` } });
  if (order === "app-first") {
    await local();
    await new Promise((r) => setTimeout(r, 5));
    await remote();
  } else {
    await remote();
    await new Promise((r) => setTimeout(r, 5));
    await local();
  }
  return { localId: link!.localId, externalId: contact.id };
}

async function pullWith(policy: "newest" | "app" | "provider" | "ask") {
  await saveEntitySettings(w.db, w.owner, xero.connectionId, "customers", { conflictPolicy: policy });
  return syncNow(w.db, w.owner, xero.connectionId, { direction: "pull", entity: "customers" });
}
const nameOf = async (id: string) => (await w.db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)))[0]!.name;
const conflictOf = async (localId: string) => (await w.db.select().from(syncConflicts).where(eq(syncConflicts.localId, localId)));

describe("conflict policies on pull", () => {
  it("provider: the provider's version is applied and the conflict recorded as resolved by the policy", async () => {
    const r = await conflictOn("app-first");
    const run = await pullWith("provider");
    expect(run.updated).toBe(1);
    expect(await nameOf(r.localId)).toBe(`Xero name ${nth}`);
    const [c] = await conflictOf(r.localId);
    expect(c).toMatchObject({ policy: "provider", resolution: "provider", resolvedBy: "provider", externalId: r.externalId });
    expect(c!.localVersion).toMatchObject({ name: `App name ${nth}` });
    expect(c!.remoteVersion).toMatchObject({ name: `Xero name ${nth}` });
  }, 30_000);

  it("app: the app's version stays (and remains pending for the push)", async () => {
    const r = await conflictOn("provider-first");
    const run = await pullWith("app");
    expect(run.updated).toBe(0);
    expect(await nameOf(r.localId)).toBe(`App name ${nth}`);
    expect((await conflictOf(r.localId))[0]).toMatchObject({ policy: "app", resolution: "app", resolvedBy: "app" });
    // The push then overwrites Xero with the app's version.
    const push = await syncNow(w.db, w.owner, xero.connectionId, { direction: "push", entity: "customers" });
    expect(push.updated).toBe(1);
    expect(books().records.Contacts.get(r.externalId)!.data.Name).toBe(`App name ${nth}`);
  }, 30_000);

  it("newest: the later change wins, whichever side it is on", async () => {
    const appLater = await conflictOn("provider-first");
    const providerLater = await conflictOn("app-first");
    await pullWith("newest");
    expect(await nameOf(appLater.localId)).toBe(`App name ${nth - 1}`);
    expect(await nameOf(providerLater.localId)).toBe(`Xero name ${nth}`);
    expect((await conflictOf(appLater.localId))[0]).toMatchObject({ policy: "newest", resolution: "app" });
    expect((await conflictOf(providerLater.localId))[0]).toMatchObject({ policy: "newest", resolution: "provider" });
  }, 30_000);

  it("ask: nothing is applied; the conflict waits open (once, however often the sync runs)", async () => {
    const r = await conflictOn("app-first");
    await pullWith("ask");
    await syncNow(w.db, w.owner, xero.connectionId, { direction: "both", entity: "customers" });
    expect(await nameOf(r.localId)).toBe(`App name ${nth}`);
    expect(books().records.Contacts.get(r.externalId)!.data.Name).toBe(`Xero name ${nth}`);
    const open = await conflictOf(r.localId);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ policy: "ask", resolution: null, resolvedBy: null, resolvedAt: null });
  }, 30_000);
});

describe("a stale QuickBooks SyncToken on push", () => {
  it("re-reads the customer and applies the policy (provider wins → the app takes QuickBooks' version)", async () => {
    const qbo = await connectQuickBooks(w);
    await syncNow(w.db, w.owner, qbo.connectionId, { direction: "pull", entity: "customers", mode: "full" });
    const company = qboOf(w).store.company(qbo.realmId)!;
    const target = company.live("Customer")[3]!;
    const [link] = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, qbo.connectionId), eq(syncLinks.externalId, target.id)));
    await updateCustomer(w.db, w.owner, link!.localId, { email: "app@conflict.example" });
    await control(w, "change", { provider: "quickbooks", entity: "Customer", id: target.id, account: qbo.realmId, fields: { PrimaryEmailAddr: { Address: "qbo@conflict.example" } } });
    await saveEntitySettings(w.db, w.owner, qbo.connectionId, "customers", { conflictPolicy: "provider" });
    const run = await syncNow(w.db, w.owner, qbo.connectionId, { direction: "push", entity: "customers" });
    expect(run.failed).toBe(0);
    const [row] = await w.db.select().from(customers).where(eq(customers.id, link!.localId));
    expect(row!.email).toBe("qbo@conflict.example");
    expect((await conflictOf(link!.localId)).find((c) => c.connectionId === qbo.connectionId)).toMatchObject({ policy: "provider", resolution: "provider" });
    expect(company.records.Customer.get(target.id)!.data).toMatchObject({ PrimaryEmailAddr: { Address: "qbo@conflict.example" } });
  }, 60_000);
});
