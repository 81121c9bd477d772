import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "@/lib/testing/tenants";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice, getInvoice } from "@/lib/db/queries/invoices";
import { enqueue } from "@/lib/jobs/enqueue";
import { scheduleForOrganisation } from "@/lib/jobs/schedules";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { jobState, startTestJobs, waitFor } from "@/lib/jobs/testing";
import { createTestDb } from "@/lib/testing/db";

describe("accounting.mark-overdue through the embedded driver (pg-boss)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs;
  beforeAll(async () => {
    delete process.env.INNGEST_EVENT_KEY;
    delete process.env.INNGEST_DEV;
    t = await createTestDb();
    jobs = await startTestJobs(t.db, { connectionString: t.url });
  }, 180_000); // PGlite migrations alone can take most of a minute on a loaded machine
  afterAll(async () => {
    await jobs?.stop({ graceful: false });
    await t?.close();
  });

  it("enqueue → run → the past-due sent invoice is overdue, the others untouched", async () => {
    const tenant = await createTenant(t.db);
    const customerId = (await createCustomer(t.db, tenant, { name: "Late Ltd" })).id;
    const base = { customerId, issueDate: "2025-01-01", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] };
    const late = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-01-31", send: true });
    const current = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-06-30", send: true });
    const draft = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-01-31" });

    const result = await enqueue("accounting.mark-overdue", { asOf: "2025-02-01" }, { db: t.db });
    expect(result).toMatchObject({ driver: "local" });
    const id = (result as { id: string }).id;
    await waitFor(async () => (await jobState(t.db, id))?.state === "completed");

    expect((await getInvoice(t.db, tenant, late.id)).status).toBe("overdue");
    expect((await getInvoice(t.db, tenant, current.id)).status).toBe("sent");
    expect((await getInvoice(t.db, tenant, draft.id)).status).toBe("draft");
    expect(await jobState(t.db, id)).toMatchObject({ retry_count: 0, output: { marked: 1 } });
  });

  it("is scheduled from the registry as a pg-boss cron", async () => {
    const schedules = await jobs.boss.getSchedules("accounting.mark-overdue");
    expect(schedules).toEqual([
      expect.objectContaining({ key: "accounting.mark-overdue.every-15-minutes", cron: "*/15 * * * *", timezone: "UTC" }),
    ]);
  });

  it("can run per organisation on a cron in the organisation's time zone", async () => {
    const tenant = await createTenant(t.db);
    await scheduleForOrganisation(t.db, { job: "accounting.mark-overdue", organisationId: tenant.organisationId, cron: "0 2 * * *", tz: "Australia/Sydney" });
    const mine = (await jobs.boss.getSchedules("accounting.mark-overdue")).find((s) => s.key.includes(tenant.organisationId));
    expect(mine).toMatchObject({ cron: "0 2 * * *", timezone: "Australia/Sydney" });
    // 02:00 in Sydney on 2025-07-01 (AEST, UTC+10) is 16:00 UTC the day before.
    const [next] = jobs.boss.previewSchedule("0 2 * * *", { tz: "Australia/Sydney", from: new Date("2025-06-30T12:00:00Z"), count: 1 });
    expect(next!.toISOString()).toBe("2025-06-30T16:00:00.000Z");
    await expect(scheduleForOrganisation(t.db, { job: "accounting.mark-overdue", organisationId: tenant.organisationId, cron: "0 2 * * *", tz: "Mars/Olympus" }))
      .rejects.toThrow(/time zone/);
  });

  it("refuses a payload its schema rejects, at enqueue time", async () => {
    await expect(enqueue("accounting.mark-overdue", { asOf: "yesterday" }, { db: t.db })).rejects.toThrow();
    await expect(enqueue("accounting.nope", {}, { db: t.db })).rejects.toThrow(/Unknown job/);
  });
});
