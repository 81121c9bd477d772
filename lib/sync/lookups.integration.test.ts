import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import * as lookupsRoute from "@/app/api/connections/[id]/sync/lookups/route";
import * as mappingsRoute from "@/app/api/connections/[id]/mappings/route";
import * as previewRoute from "@/app/api/connections/[id]/mappings/preview/route";
import { defaultMappings } from "./default-mappings";
import { listLookups } from "./lookups";
import type { FieldMap } from "./mapping";
import { connectQuickBooks, connectXero, closeWorld, createWorld, qboOf, syncNow, xeroOf, type World } from "./test-support";

// Tax rates and the chart of accounts pulled per connection by a run of every entity, stored as
// the lookup lists a mapping picks from; another organisation cannot read them. The mapping
// editor lists them through the API, and a mapping naming a value outside them is refused.
let w: World;
let restore: () => void;
let xero: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  restore = useTestApiRuntime(w.db);
  xero = await connectXero(w);
}, 180_000);
afterAll(async () => {
  restore?.();
  await closeWorld(w);
});

type Json = { data: unknown; errors?: { path: string; message: string }[] };
const call = async (h: (req: Request, ctx: ReturnType<typeof routeContext>) => Promise<Response>, method: string, url: string, userId: string, body?: unknown) => {
  const res = await h(apiRequest(method, url, { userId, body }), routeContext({ id: xero.connectionId }));
  return { status: res.status, json: (await res.json()) as Json };
};
const base = () => `/api/connections/${xero.connectionId}`;

describe("lookup lists in the mapping editor", () => {
  it("GET …/sync/lookups lists a connection's accounts (pulled on demand before any sync), for its organisation only", async () => {
    expect(await listLookups(w.db, w.owner, xero.connectionId, "accounts")).toEqual([]);
    const books = xeroOf(w).store.tenant(xero.tenantId)!;
    const res = await call(lookupsRoute.GET, "GET", `${base()}/sync/lookups?kind=accounts`, w.member.userId);
    expect(res.status).toBe(200);
    expect((res.json.data as { code: string }[]).map((a) => a.code).sort()).toEqual(books.list("Accounts").map((a) => String(a.data.Code)).sort());
    const other = await call(lookupsRoute.GET, "GET", `${base()}/sync/lookups?kind=accounts`, w.other.userId);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.json)).not.toContain("Business Bank Account");
    const bad = await call(lookupsRoute.GET, "GET", `${base()}/sync/lookups?kind=vendors`, w.owner.userId);
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.path).toContain("kind");
  }, 60_000);

  it("refuses a constant or lookup value that is not in the pulled list, naming its path; saves one chosen from it", async () => {
    const mapping = structuredClone(defaultMappings.xero!.expenses) as { fields: FieldMap[] };
    const at = mapping.fields.findIndex((f) => f.remote === "LineItems[0].AccountCode");
    expect(mapping.fields[at]!.transform).toEqual({ kind: "constant", value: "400", list: "accounts" });
    mapping.fields[at]!.transform = { kind: "constant", value: "999", list: "accounts" };
    for (const [route, method, url] of [[mappingsRoute.PUT, "PUT", `${base()}/mappings`], [previewRoute.POST, "POST", `${base()}/mappings/preview`]] as const) {
      const refused = await call(route, method, url, w.owner.userId, { entity: "expenses", mapping });
      expect(refused.status, method).toBe(400);
      expect(refused.json.errors, method).toEqual([{ in: "body", path: `mapping.fields.${at}.transform.value`, message: expect.stringMatching(/"999" is not one of the connection's pulled accounts; for example .*200 \(Sales\)/) }]);
    }
    // A lookup table's provider values are checked the same way, each by its own path.
    const taxed = { ...mapping, fields: [...mapping.fields, { local: "description", remote: "LineItems[0].TaxType", direction: "push" as const, transform: { kind: "lookup" as const, list: "tax_rates" as const, table: { NONE: "exempt", GST42: "odd" } } }] };
    taxed.fields[at] = { ...taxed.fields[at]!, transform: { kind: "constant", value: "200", list: "accounts" } };
    const lookup = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, w.owner.userId, { entity: "expenses", mapping: taxed });
    expect(lookup.status).toBe(400);
    expect(lookup.json.errors?.[0]?.path).toBe(`mapping.fields.${taxed.fields.length - 1}.transform.table.GST42`);
    delete (taxed.fields.at(-1)!.transform as { table: Record<string, string> }).table.GST42;
    const saved = await call(mappingsRoute.PUT, "PUT", `${base()}/mappings`, w.owner.userId, { entity: "expenses", mapping: taxed });
    expect(saved.status).toBe(200);
    expect((saved.json.data as { mapping: { fields: FieldMap[] } }).mapping.fields[at]!.transform).toEqual({ kind: "constant", value: "200", list: "accounts" });
  }, 60_000);
});

describe("lookup lists", () => {
  it("Xero: TaxRates and Accounts arrive with a sync, one entry per provider record", async () => {
    const conn = xero;
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
