import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markOverdueJob, markOverdueSchedule } from "@/lib/accounting/jobs/mark-overdue";
import { createTenant } from "@/lib/testing/tenants";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice, getInvoice } from "@/lib/db/queries/invoices";
import { createTestDb } from "@/lib/testing/db";
import { createJobFunction } from "../from-job";
import { markOverdueFunction } from "./mark-overdue";

describe("accounting.mark-overdue as an Inngest function", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => { t = await createTestDb(); });
  afterAll(async () => { await t?.close(); });

  it("is triggered by its event and by the 15-minute cron", () => {
    expect(markOverdueFunction.id()).toBe("accounting-mark-overdue");
    const config = markOverdueFunction["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "integration-hub" });
    expect(config[0]!.triggers).toEqual([{ event: "hub/accounting.mark-overdue" }, { cron: "*/15 * * * *" }]);
  });

  it("marks past-due invoices overdue inside step.run and returns the count", async () => {
    const tenant = await createTenant(t.db);
    const customerId = (await createCustomer(t.db, tenant, { name: "Slow payer" })).id;
    const base = { customerId, issueDate: "2025-01-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 100 }] };
    const late = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-01-15" });
    const current = await createInvoice(t.db, tenant, { ...base, dueDate: "2025-03-01" });

    const fn = createJobFunction(markOverdueJob, { schedules: [markOverdueSchedule], db: async () => t.db });
    const engine = new InngestTestEngine({ function: fn });
    const { result, ctx } = await engine.execute({
      events: [{ name: "hub/accounting.mark-overdue", data: { asOf: "2025-02-01" } }],
    });

    expect(result).toEqual({ marked: 1 });
    expect(ctx.step.run).toHaveBeenCalledWith("mark-overdue", expect.any(Function));
    expect((await getInvoice(t.db, tenant, late.id)).status).toBe("overdue");
    expect((await getInvoice(t.db, tenant, current.id)).status).toBe("sent");

    // Idempotent: a second run changes nothing more. (A new engine: one engine memoises step results.)
    const again = await new InngestTestEngine({ function: fn }).execute({ events: [{ name: "hub/accounting.mark-overdue", data: { asOf: "2025-02-01" } }] });
    expect(again.result).toEqual({ marked: 0 });
  });

  it("fails without retrying on an invalid payload", async () => {
    const fn = createJobFunction(markOverdueJob, { db: async () => t.db });
    const { error } = await new InngestTestEngine({ function: fn }).execute({
      events: [{ name: "hub/accounting.mark-overdue", data: { asOf: 42 } }],
    });
    expect(error).toMatchObject({ name: "NonRetriableError" });
  });
});
