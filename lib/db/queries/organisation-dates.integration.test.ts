import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, organisations } from "@/drizzle/schema";
import type { Tenant } from "@/lib/auth/tenant";
import { fieldErrorsOf } from "@/lib/accounting/form-errors";
import { createTenant } from "@/lib/testing/tenants";
import { createTestDb } from "@/lib/testing/db";
import { createCustomer } from "./customers";
import { getDashboardSummary, getPaymentsByMonth } from "./dashboard";
import { createInvoice, getInvoice, markOverdueInvoices } from "./invoices";
import { createOrganisation, getOrganisation, setOrganisationTimeZone } from "./organisations";
import { recordPayment } from "./payments";
import { insertUser } from "./users";

// 23:30 on 31 March 2026 in New York; already 03:30 on 1 April in UTC.
const lateEvening = new Date("2026-04-01T03:30:00Z");

describe("dates in the organisation's time zone (issue 9.2)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let ny: Tenant;
  let utc: Tenant;

  const zone = (tenant: Tenant, timeZone: string) =>
    t.db.update(organisations).set({ timeZone }).where(eq(organisations.id, tenant.organisationId));
  const sentInvoice = async (tenant: Tenant, dueDate = "2026-03-31") => {
    const customerId = (await createCustomer(t.db, tenant, { name: "Payer" })).id;
    return createInvoice(t.db, tenant, {
      customerId, issueDate: "2026-03-01", dueDate, send: true, lines: [{ description: "Work", quantity: 1, unitPrice: 10000 }],
    });
  };

  beforeAll(async () => {
    t = await createTestDb();
    ny = await createTenant(t.db, "New York Org");
    utc = await createTenant(t.db, "UTC Org");
    await zone(ny, "America/New_York");
  });
  afterAll(async () => { await t?.close(); });

  it("refuses a payment dated 2030 with a message under the date, and writes nothing", async () => {
    const inv = await sentInvoice(utc);
    const attempt = recordPayment(t.db, utc, inv.id, { amount: 100, paidAt: "2030-01-01" }, lateEvening);
    await expect(attempt).rejects.toBeInstanceOf(ZodError);
    const err = await attempt.catch((e: ZodError) => e);
    expect(fieldErrorsOf(err as ZodError)).toEqual({ paidAt: ["Payment date must not be in the future (latest 2026-04-02)"] });
    expect((await getInvoice(t.db, utc, inv.id)).payments).toHaveLength(0);
  });

  it("accepts today and one day's tolerance in the organisation's zone, not beyond", async () => {
    const inv = await sentInvoice(ny);
    // New York's today is 31 March, so 1 April is within the tolerance and 2 April is not.
    await expect(recordPayment(t.db, ny, inv.id, { amount: 100, paidAt: "2026-04-01" }, lateEvening)).resolves.toBeTruthy();
    await expect(recordPayment(t.db, ny, inv.id, { amount: 100, paidAt: "2026-04-02" }, lateEvening)).rejects.toThrow(
      /latest 2026-04-01/,
    );
  });

  it("counts a payment of 31 March in 'Paid this month' for New York but not for UTC at the same instant", async () => {
    for (const tenant of [ny, utc]) {
      const inv = await sentInvoice(tenant, "2026-04-30");
      await recordPayment(t.db, tenant, inv.id, { amount: 2500, paidAt: "2026-03-31" }, lateEvening);
    }
    const nySummary = await getDashboardSummary(t.db, ny, lateEvening);
    const utcSummary = await getDashboardSummary(t.db, utc, lateEvening);
    expect(nySummary.paidThisMonth.find((p) => p.currency === "USD")?.amount).toBeGreaterThanOrEqual(2500);
    expect(utcSummary.paidThisMonth).toEqual([]);
    const months = await getPaymentsByMonth(t.db, ny, 2, lateEvening);
    expect(months.map((m) => m.month)).toEqual(["2026-02", "2026-03"]);
  });

  it("computes overdue per organisation zone: due 31 March is overdue in UTC, not yet in New York", async () => {
    const inNy = await sentInvoice(ny, "2026-03-31");
    const inUtc = await sentInvoice(utc, "2026-03-31");
    const marked = (await markOverdueInvoices(t.db, undefined, lateEvening)).map((r) => r.id);
    expect(marked).toContain(inUtc.id);
    expect(marked).not.toContain(inNy.id);
    const [row] = await t.db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, inNy.id));
    expect(row?.status).toBe("sent");
    const nyOverdue = await getDashboardSummary(t.db, ny, lateEvening);
    const utcOverdue = await getDashboardSummary(t.db, utc, lateEvening);
    expect(nyOverdue.overdue).toEqual([]);
    expect(utcOverdue.overdue[0]?.count).toBeGreaterThanOrEqual(1);
  });

  it("stores the browser's zone at creation, falls back to UTC for an unknown one, and validates changes", async () => {
    const user = await insertUser(t.db, { name: "Zed", email: "zed@example.com", passwordHash: "x" });
    const tokyo = await createOrganisation(t.db, user!.id, { name: "Tokyo Org", timeZone: "Asia/Tokyo" });
    const odd = await createOrganisation(t.db, user!.id, { name: "Odd Org", timeZone: "Mars/Olympus" });
    const owner = (organisationId: string): Tenant => ({ organisationId, userId: user!.id, role: "owner" });
    expect((await getOrganisation(t.db, owner(tokyo.id))).timeZone).toBe("Asia/Tokyo");
    expect((await getOrganisation(t.db, owner(odd.id))).timeZone).toBe("UTC");
    const refused = await setOrganisationTimeZone(t.db, owner(odd.id), { timeZone: "Mars/Olympus" }).catch((e: ZodError) => e);
    expect(fieldErrorsOf(refused as ZodError)).toEqual({ timeZone: ["Time zone must be an IANA time zone such as Europe/London"] });
    await setOrganisationTimeZone(t.db, owner(odd.id), { timeZone: "Europe/London" });
    expect((await getOrganisation(t.db, owner(odd.id))).timeZone).toBe("Europe/London");
  });
});
