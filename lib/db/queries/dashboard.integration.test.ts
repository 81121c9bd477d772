import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDb } from "@/lib/testing/db";
import { invoices, payments } from "@/drizzle/schema";
import { seedDemo } from "@/lib/seed/demo";
import type { Tenant } from "@/lib/auth/tenant";
import { insertUser } from "./users";
import { createOrganisation } from "./organisations";
import { getDashboardSummary, getPaymentsByMonth, getRecentInvoices } from "./dashboard";

const now = new Date("2025-06-18T12:00:00Z");
let db: Db;
let close: () => Promise<void>;
let demo: Tenant;
let empty: Tenant;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  const seeded = await seedDemo(db, { now });
  demo = { organisationId: seeded.organisationId, userId: seeded.userId, role: "admin" };
  const other = await insertUser(db, { name: "Other", email: "other@example.com", passwordHash: "x" });
  const org = await createOrganisation(db, other!.id, { name: "Empty Org" });
  empty = { organisationId: org.id, userId: other!.id, role: "owner" };
});
afterAll(async () => close());

describe("dashboard queries", () => {
  it("sums outstanding, overdue and this month's payments from the organisation's rows", async () => {
    const allInvoices = await db.select().from(invoices);
    const allPayments = await db.select().from(payments);
    const today = now.toISOString().slice(0, 10);
    const open = allInvoices.filter((i) => i.status === "sent" || i.status === "overdue");
    const balance = (list: typeof allInvoices) => list.reduce((s, i) => s + i.total - i.amountPaid, 0);
    const overdue = open.filter((i) => i.status === "overdue" || i.dueDate < today);
    const paidThisMonth = allPayments.filter((p) => p.paidAt >= "2025-06-01");

    const summary = await getDashboardSummary(db, demo, now);
    expect(summary.outstanding).toEqual([{ currency: "USD", amount: balance(open), count: open.length }]);
    expect(summary.overdue).toEqual([{ currency: "USD", amount: balance(overdue), count: overdue.length }]);
    expect(summary.paidThisMonth).toEqual(
      paidThisMonth.length ? [{ currency: "USD", amount: paidThisMonth.reduce((s, p) => s + p.amount, 0), count: paidThisMonth.length }] : [],
    );
    expect(balance(open)).toBeGreaterThan(0);
  });

  it("lists six zero-filled months of payments, oldest first", async () => {
    const months = await getPaymentsByMonth(db, demo, 6, now);
    expect(months.map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
    const allPayments = await db.select().from(payments);
    for (const m of months) {
      expect(m.amount).toBe(allPayments.filter((p) => p.paidAt.startsWith(m.month)).reduce((s, p) => s + p.amount, 0));
    }
  });

  it("shows nothing of another organisation's data", async () => {
    expect(await getDashboardSummary(db, empty, now)).toEqual({ outstanding: [], overdue: [], paidThisMonth: [] });
    expect((await getPaymentsByMonth(db, empty, 3, now)).every((m) => m.amount === 0)).toBe(true);
    expect(await getRecentInvoices(db, empty)).toEqual([]);
  });

  it("lists the latest invoices first with customer names", async () => {
    const recent = await getRecentInvoices(db, demo, 5);
    expect(recent).toHaveLength(5);
    const all = await db.select().from(invoices);
    const latest = [...all].sort((a, b) => (a.issueDate < b.issueDate ? 1 : -1))[0];
    expect(recent[0].number).toBe(latest.number);
    expect(recent.every((r) => r.customerName.length > 0)).toBe(true);
  });
});
