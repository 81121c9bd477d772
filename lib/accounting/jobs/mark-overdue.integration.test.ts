import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "@/drizzle/schema";
import { createTenant } from "@/lib/testing/tenants";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice, getInvoice } from "@/lib/db/queries/invoices";
import { enqueue } from "@/lib/jobs/enqueue";
import { startLocalRunner } from "@/lib/jobs/runner";
import { createTestDb } from "@/lib/testing/db";

describe("accounting.mark-overdue through the local runner", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    delete process.env.INNGEST_EVENT_KEY;
    delete process.env.INNGEST_DEV;
    t = await createTestDb();
  });
  afterAll(async () => { await t?.close(); });

  it("enqueue → drain → the past-due sent invoice is overdue, the others untouched", async () => {
    const tenant = await createTenant(t.db);
    const customerId = (await createCustomer(t.db, tenant, { name: "Late Ltd" })).id;
    const base = { customerId, issueDate: "2025-01-01", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] };
    const late = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-01-31", send: true });
    const current = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-06-30", send: true });
    const draft = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-01-31" });

    const result = await enqueue("accounting.mark-overdue", { asOf: "2025-02-01" }, { db: t.db });
    expect(result).toMatchObject({ driver: "local" });
    await startLocalRunner({ db: t.db, autoPoll: false, schedules: false }).drain();

    expect((await getInvoice(t.db, tenant, late.id)).status).toBe("overdue");
    expect((await getInvoice(t.db, tenant, current.id)).status).toBe("sent");
    expect((await getInvoice(t.db, tenant, draft.id)).status).toBe("draft");
    const [row] = await t.db.select().from(jobs).where(eq(jobs.name, "accounting.mark-overdue"));
    expect(row).toMatchObject({ status: "done", attempts: 1 });
  });

  it("is scheduled from the registry: a runner's first poll fires it", async () => {
    await startLocalRunner({ db: t.db, autoPoll: false }).drain();
    const rows = await t.db.select().from(jobs).where(eq(jobs.key, "schedule:accounting.mark-overdue.every-15-minutes"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("done");
  });

  it("refuses a payload its schema rejects, at enqueue time", async () => {
    await expect(enqueue("accounting.mark-overdue", { asOf: "yesterday" }, { db: t.db })).rejects.toThrow();
    await expect(enqueue("accounting.nope", {}, { db: t.db })).rejects.toThrow(/Unknown job/);
  });
});
