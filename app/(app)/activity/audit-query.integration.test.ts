import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, organisations, users } from "@/drizzle/schema";
import { insertAuditEntry } from "@/lib/db/queries/audit";
import type { Db } from "@/lib/db/client";
import { createTestDb } from "@/lib/testing/db";
import { activityQuerySchema, listActivity } from "./audit-query";

let db: Db;
let close: () => Promise<void>;
const orgA = { organisationId: "" };
const orgB = { organisationId: "" };

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  const [a, b] = await db.insert(organisations).values([{ name: "A" }, { name: "B" }]).returning();
  orgA.organisationId = a!.id;
  orgB.organisationId = b!.id;
  const [user] = await db.insert(users).values({ email: "actor@example.com", name: "Actor" }).returning();
  // 30 entries in A, alternating providers and actions, one second apart (explicit times, so the
  // order does not depend on clock resolution).
  const t0 = Date.UTC(2025, 0, 1);
  await db.insert(auditLog).values(Array.from({ length: 30 }, (_, i) => ({
    createdAt: new Date(t0 + i * 1000),
    organisationId: a!.id,
    actorUserId: user!.id,
    action: i % 3 === 0 ? "connection.disconnected" : "connection.connected",
    provider: i % 2 === 0 ? "xero" : "stripe",
    details: { n: i },
  })));
  await insertAuditEntry(db, { organisationId: b!.id, actorUserId: null, action: "connection.connected", provider: "xero", details: { n: 999 } });
  await insertAuditEntry(db, { organisationId: null, actorUserId: null, action: "keys.rotated", details: { rows: 1 } });
});

afterAll(async () => close?.());

const q = (input: Record<string, unknown>) => activityQuerySchema.parse(input);
const ns = (entries: { details: unknown }[]) => entries.map((e) => (e.details as { n: number }).n);

describe("listActivity", () => {
  it("lists only this organisation's entries, newest first, a page at a time", async () => {
    const page1 = await listActivity(db, orgA, q({}), 25);
    expect(page1.total).toBe(30);
    expect(ns(page1.entries)).toEqual(Array.from({ length: 25 }, (_, i) => 29 - i));
    const page2 = await listActivity(db, orgA, q({ page: "2" }), 25);
    expect(ns(page2.entries)).toEqual([4, 3, 2, 1, 0]);
    expect(page2.offset).toBe(25);
  });

  it("never shows another organisation's or system-wide entries", async () => {
    const b = await listActivity(db, orgB, q({}));
    expect(ns(b.entries)).toEqual([999]);
    const all = await listActivity(db, orgA, q({}), 100);
    expect(all.entries.every((e) => e.organisationId === orgA.organisationId)).toBe(true);
    expect(all.entries.some((e) => e.action === "keys.rotated")).toBe(false);
  });

  it("filters by provider and by action together", async () => {
    const res = await listActivity(db, orgA, q({ provider: "xero", action: "connection.disconnected" }), 100);
    // i even (xero) and divisible by 3: 0, 6, 12, 18, 24
    expect(ns(res.entries)).toEqual([24, 18, 12, 6, 0]);
    expect(res.total).toBe(5);
  });
});

describe("activityQuerySchema", () => {
  it("drops unknown filters and bad page numbers instead of failing", () => {
    expect(q({ action: "drop.tables", provider: "nope", page: "-3" })).toEqual({ action: undefined, provider: undefined, page: 1 });
    expect(q({ action: ["connection.connected"], page: ["2"] })).toMatchObject({ action: "connection.connected", page: 2 });
  });
});
