import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations, outboxEvents } from "@/drizzle/schema";
import { createTestDb } from "@/lib/testing/db";
import type { Db } from "./client";
import { bulkInsert, inList } from "./bulk";

// On the test database (PGlite, or Postgres with DATABASE_URL): rows sent as one JSON parameter
// come back typed like Drizzle's own inserts, defaults applied, conflicts updated only where allowed.
let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => close?.());

describe("bulkInsert", () => {
  it("inserts with Drizzle's defaults and returns typed rows", async () => {
    const old = new Date("2020-01-02T03:04:05.678Z");
    const saved = await bulkInsert(db, organisations, [{ name: "Bulk A" }, { name: "Bulk \"B\" — ünïcode", createdAt: old }], { returning: true });
    expect(saved.map((o) => o.name)).toEqual(["Bulk A", "Bulk \"B\" — ünïcode"]);
    for (const o of saved) {
      expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(o.timeZone).toBe("UTC");
      expect(o.createdAt).toBeInstanceOf(Date);
    }
    // The row that leaves created_at out gets the column's default (now()), the other keeps its own.
    expect(saved[0]!.createdAt.getTime()).toBeGreaterThan(Date.now() - 3600_000);
    expect(saved[1]!.createdAt.toISOString()).toBe(old.toISOString());
  });

  it("upserts on the conflict target, updating the named columns only where the condition holds", async () => {
    const [a, b] = await bulkInsert(db, organisations, [{ name: "Upsert A" }, { name: "Upsert B", timeZone: "Europe/London" }], { returning: true });
    const fresh = crypto.randomUUID();
    const saved = await bulkInsert(db, organisations, [
      { id: a!.id, name: "Upsert A renamed", timeZone: "Asia/Tokyo" }, { id: b!.id, name: "Upsert B renamed" }, { id: fresh, name: "Upsert C" },
    ], { target: [organisations.id], update: ["name"], set: { timeZone: sql`'America/New_York'` }, where: eq(organisations.timeZone, "UTC"), returning: true });
    // B's row fails the condition: not updated, not returned.
    expect(saved.map((o) => o.id).sort()).toEqual([a!.id, fresh].sort());
    const rows = await db.select().from(organisations).where(inArray(organisations.id, [a!.id, b!.id, fresh])).orderBy(organisations.name);
    expect(rows.map((o) => [o.name, o.timeZone])).toEqual([
      ["Upsert A renamed", "America/New_York"], ["Upsert B", "Europe/London"], ["Upsert C", "UTC"],
    ]);
  });

  it("keeps nested JSON values as they were, each time the same statement runs again", async () => {
    const [org] = await bulkInsert(db, organisations, [{ name: "Bulk JSON" }], { returning: true });
    const payload = {
      text: 'quote " backslash \\ newline \n tab \t — ünïcode 😀', n: 12.5, big: 9007199254740991, none: null, yes: true,
      list: [1, "two", { three: [3] }], nested: { "key with \"quotes\"": { deeper: [] } },
    };
    // The same statement text several times (it runs prepared: the later ones reuse it).
    for (let i = 0; i < 3; i++) {
      const saved = await bulkInsert(db, outboxEvents, [
        { type: "invoice.created", aggregateType: "invoice", aggregateId: `a${i}`, organisationId: org!.id, payload },
        { type: "invoice.created", aggregateType: "invoice", aggregateId: `b${i}`, organisationId: org!.id, payload: [payload, "x"] },
      ], { returning: true });
      expect(saved.map((e) => e.payload)).toEqual([payload, [payload, "x"]]);
    }
    const stored = await db.select({ payload: outboxEvents.payload }).from(outboxEvents).where(eq(outboxEvents.organisationId, org!.id));
    expect(stored).toHaveLength(6);
    expect(stored.filter((e) => Array.isArray(e.payload)).map((e) => e.payload)).toEqual([1, 2, 3].map(() => [payload, "x"]));
    expect(stored.filter((e) => !Array.isArray(e.payload)).map((e) => e.payload)).toEqual([1, 2, 3].map(() => payload));
  });
});

describe("inList", () => {
  it("matches exactly the given values, whatever characters they hold, in one parameter", async () => {
    const names = ["In, comma", 'In "quoted"', "In \\ backslash", "In {brace}", "In plain", "NULL"];
    const saved = await bulkInsert(db, organisations, [...names, "In left out"].map((name) => ({ name })), { returning: true });
    const found = await db.select({ name: organisations.name }).from(organisations).where(inList(organisations.name, names));
    expect(found.map((r) => r.name).sort()).toEqual([...names].sort());
    // By a uuid column, and no values at all: nothing.
    const byId = await db.select({ id: organisations.id }).from(organisations).where(inList(organisations.id, saved.slice(0, 2).map((o) => o.id)));
    expect(byId.map((r) => r.id).sort()).toEqual(saved.slice(0, 2).map((o) => o.id).sort());
    expect(await db.select().from(organisations).where(inList(organisations.id, []))).toEqual([]);
  });
});
