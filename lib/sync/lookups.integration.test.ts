import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listLookups } from "./lookups";
import { connectQuickBooks, connectXero, closeWorld, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Tax rates and the chart of accounts pulled per connection by a run of every entity, stored as
// the lookup lists a mapping picks from; another organisation cannot read them.
let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

describe("lookup lists", () => {
  it("Xero: TaxRates and Accounts arrive with a sync, one entry per provider record", async () => {
    const conn = await connectXero(w);
    const books = xeroOf(w).store.tenant(conn.tenantId)!;
    await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    const taxes = await listLookups(w.db, w.owner, conn.connectionId, "tax_rates");
    const accounts = await listLookups(w.db, w.owner, conn.connectionId, "accounts");
    expect(taxes.map((t) => t.code).sort()).toEqual(books.list("TaxRates").map((t) => String(t.data.TaxType)).sort());
    expect(accounts.map((a) => a.code).sort()).toEqual(books.list("Accounts").map((a) => String(a.data.Code)).sort());
    await expect(listLookups(w.db, w.other, conn.connectionId, "accounts")).rejects.toMatchObject({ code: "NOT_CONNECTED" });
  }, 120_000);

  it("QuickBooks: TaxCode and Account arrive, inactive ones included and marked", async () => {
    const conn = await connectQuickBooks(w);
    const company = qboOf(w).store.company(conn.realmId)!;
    await syncNow(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    const taxes = await listLookups(w.db, w.owner, conn.connectionId, "tax_rates");
    const accounts = await listLookups(w.db, w.owner, conn.connectionId, "accounts");
    expect(taxes.map((t) => t.externalId).sort()).toEqual(company.live("TaxCode").map((t) => t.id).sort());
    expect(accounts).toHaveLength(company.live("Account").length);
    expect(accounts.find((a) => a.externalId === "79")).toMatchObject({ name: expect.stringContaining("Sales") });
  }, 120_000);
});
