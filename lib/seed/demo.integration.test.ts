import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import {
  customers, expenses, invoiceLines, invoices, ledgerAccounts, memberships, organisations, payments, products, taxRates, users,
} from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { createTestDb } from "@/lib/testing/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { seedDemo } from "./demo";
import { DEMO_LOGIN } from "./embedded";
import { seedDemoIfEmbedded } from "./startup";

const tables = { users, organisations, memberships, customers, invoices, invoiceLines, payments, products, taxRates, ledgerAccounts, expenses };

async function counts(db: Db) {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    out[name] = (await db.select({ n: count() }).from(table))[0].n;
  }
  return out;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("seedDemo", () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await createTestDb());
  });
  afterAll(async () => close());

  it("creates the demo organisation, admin login and books, and a second run changes nothing", async () => {
    const first = await seedDemo(db);
    expect(first.created).toBe(true);
    const after1 = await counts(db);
    expect(after1).toMatchObject({ users: 1, organisations: 1, memberships: 1 });
    expect(after1.customers).toBeGreaterThanOrEqual(10);
    expect(after1.invoices).toBeGreaterThanOrEqual(20);
    expect(after1.invoiceLines).toBeGreaterThan(after1.invoices);
    expect(after1.payments).toBeGreaterThan(0);
    expect(after1.products).toBeGreaterThan(0);
    expect(after1.taxRates).toBeGreaterThan(0);
    expect(after1.ledgerAccounts).toBeGreaterThan(0);

    const second = await seedDemo(db);
    expect(second).toEqual({ created: false, organisationId: first.organisationId, userId: first.userId });
    expect(await counts(db)).toEqual(after1);
  });

  it("gives the demo user the admin role in Demo Accounting and a working password", async () => {
    const [m] = await db
      .select({ role: memberships.role, org: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId));
    expect(m).toEqual({ role: "admin", org: "Demo Accounting" });
    expect(await verifyCredentials(db, { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password })).not.toBeNull();
  });

  it("writes consistent invoices: totals are the sum of their lines, paid ones are fully paid", async () => {
    const all = await db.select().from(invoices);
    const lines = await db.select().from(invoiceLines);
    const statuses = new Set(all.map((i) => i.status));
    expect([...statuses].sort()).toEqual(["draft", "overdue", "paid", "sent", "void"]);
    for (const inv of all) {
      const own = lines.filter((l) => l.invoiceId === inv.id);
      expect(inv.subtotal).toBe(own.reduce((s, l) => s + l.amount, 0));
      expect(inv.taxTotal).toBe(own.reduce((s, l) => s + l.taxAmount, 0));
      expect(inv.total).toBe(inv.subtotal + inv.taxTotal);
      if (inv.status === "paid") expect(inv.amountPaid).toBe(inv.total);
    }
  });
});

describe("demo data in production", () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await createTestDb());
  });
  afterAll(async () => close());

  it("is never created at server start in production, and seedDemo refuses outright", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("HUB_EMBEDDED", "");
    expect(await seedDemoIfEmbedded(db)).toBeNull();
    await expect(seedDemo(db)).rejects.toThrow(/never runs in production/);
    expect(await db.select().from(users).where(eq(users.email, DEMO_LOGIN.email))).toHaveLength(0);
    expect((await counts(db)).organisations).toBe(0);
  });

  it("is not seeded at start against a configured database outside production either", async () => {
    expect(await seedDemoIfEmbedded(db, { NODE_ENV: "development", DATABASE_URL: "postgres://x/y" })).toBeNull();
    expect(await db.select().from(users)).toHaveLength(0);
  });

  it("is seeded at start when HUB_EMBEDDED=1 forces the embedded default", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("HUB_EMBEDDED", "1");
    expect((await seedDemoIfEmbedded(db))?.created).toBe(true);
  });
});
