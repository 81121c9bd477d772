import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, syncLinks } from "@/drizzle/schema";
import { jobContext } from "@/lib/auth/access";
import type { RemoteRecord } from "@/integrations/hook-types";
import { mappingFor } from "./mapping";
import { syncTarget } from "./provider";
import { applyPulled, premap, type EntityEnv } from "./pull";
import { getEntitySettings } from "./settings";
import { connectXero, closeWorld, createWorld, syncNow, type World } from "./test-support";

// A page mapped ahead of its transaction (while the page before is written) is only a head start:
// the transaction reads the references again and maps afresh any record whose references resolve
// differently there. Against the in-process sandbox and a real database.
let w: World;
let conn: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  conn = await connectXero(w);
}, 180_000);
afterAll(async () => {
  await closeWorld(w);
});

async function invoicesEnv(): Promise<{ env: EntityEnv; records: RemoteRecord[] }> {
  const ctx = jobContext(w.owner.organisationId, "sync.run");
  const target = await syncTarget(w.db, ctx, conn.connectionId);
  const settings = await getEntitySettings(w.db, ctx, conn.connectionId, "invoices");
  const env: EntityEnv = {
    ctx, runId: null, connectionId: conn.connectionId, account: target.api.account, entity: "invoices",
    mapping: mappingFor("xero", "invoices", settings.mapping), settings,
  };
  const page = await target.module("invoices").pull(target.api, { since: null, cursor: null });
  return { env, records: page.records.filter((r) => !r.deleted) };
}

const localInvoices = async () => {
  const rows = await w.db.select({ externalId: syncLinks.externalId, customerId: invoices.customerId, notes: invoices.notes })
    .from(syncLinks).innerJoin(invoices, eq(invoices.id, syncLinks.localId))
    .where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.entity, "invoices")));
  return new Map(rows.map((r) => [r.externalId, r]));
};

describe("mapping a page ahead of its transaction", () => {
  it("maps again the records whose customers were linked after the page was mapped ahead, and uses the rest as mapped", async () => {
    const { env, records } = await invoicesEnv();
    expect(records.length).toBeGreaterThan(10);
    // Mapped ahead before any customer is linked: every invoice's customer resolves to nothing.
    const stale = await premap(w.db, env, records);
    expect(stale.size).toBe(records.length);
    expect([...stale.values()].every((m) => m.error && m.refs.some(([entity, , local]) => entity === "customers" && local === undefined))).toBe(true);

    // The customers are pulled (the page before, in a real run), then the page is mapped ahead
    // again for half of its records, one of them marked so its use can be seen.
    await syncNow(w.db, w.owner, conn.connectionId, { entity: "customers", mode: "full", direction: "pull" });
    const fresh = await premap(w.db, env, records.slice(0, Math.floor(records.length / 2)));
    const marked = records[0]!;
    const m = fresh.get(marked)!;
    expect(m.error).toBeUndefined();
    fresh.set(marked, { ...m, value: { ...m.value, notes: "mapped ahead" } });
    const ahead = new Map([...stale, ...fresh]);

    const res = await w.db.transaction((tx) => applyPulled(tx, env, records, { premapped: ahead }));
    expect(res.errors).toEqual([]);
    expect(res.counters.created).toBe(records.length);
    const local = await localInvoices();
    const customerLinks = await w.db.select().from(syncLinks).where(and(eq(syncLinks.connectionId, conn.connectionId), eq(syncLinks.entity, "customers")));
    const customerOf = new Map(customerLinks.map((l) => [l.externalId, l.localId]));
    // Every invoice has its customer: the stale mappings (no customer) were not used.
    for (const r of records) {
      const contactId = (r.raw.Contact as { ContactID: string }).ContactID;
      expect(local.get(r.externalId)?.customerId).toBe(customerOf.get(contactId));
    }
    // The mapping ahead whose references still resolved the same was used as it was.
    expect(local.get(marked.externalId)?.notes).toBe("mapped ahead");
    expect(local.get(records[records.length - 1]!.externalId)?.notes).not.toBe("mapped ahead");
  });
});
