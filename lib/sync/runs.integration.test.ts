import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceCounters, invoices, syncCheckpoints, syncRuns } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice } from "@/lib/db/queries/invoices";
import { runSync } from "./engine";
import { requestRun, retryRun } from "./request";
import { cancelRun, getRun, runErrors } from "./runs";
import { syncStatus } from "./api";
import { sweep } from "./jobs";
import { closeWorld, connectXero, control, createWorld, syncNow, type World } from "./test-support";

// Run control: cancel at a page boundary, "retry failed" re-doing just the failed records, and
// the status counts.
let w: World;
let conn: { connectionId: string; tenantId: string };
beforeAll(async () => {
  w = await createWorld();
  conn = await connectXero(w);
  await control(w, "seed", { provider: "xero", entity: "Contacts", count: 170, account: conn.tenantId });
}, 60_000);
afterAll(async () => {
  await closeWorld(w);
});

describe("sync runs", () => {
  it("cancel stops a running run at the next page boundary; the next run starts afresh from the checkpoint", async () => {
    const { runId } = await requestRun(w.db, w.owner, conn.connectionId, { entity: "customers", mode: "full", direction: "pull" });
    let pages = 0;
    const result = await runSync(w.db, { organisationId: w.owner.organisationId, connectionId: conn.connectionId, runId }, {
      step: async (_id, fn) => {
        const out = await fn();
        // A person presses Cancel while the first page is being written.
        if (++pages === 1) await cancelRun(w.db, w.owner, runId);
        return out;
      },
    });
    expect(result.status).toBe("cancelled");
    const run = await getRun(w.db, w.owner, runId);
    expect(run).toMatchObject({ status: "cancelled", progress: 100, created: 100 });
    expect(run.finishedAt).not.toBeNull();
    // The checkpoint kept the page; a new run is a new walk (its own cursor) and finishes the job.
    const [cp] = await w.db.select().from(syncCheckpoints).where(and(eq(syncCheckpoints.connectionId, conn.connectionId), eq(syncCheckpoints.entity, "customers")));
    expect(cp!.runId).toBe(runId);
    const next = await syncNow(w.db, w.owner, conn.connectionId, { entity: "customers", mode: "full", direction: "pull" });
    expect(next).toMatchObject({ status: "succeeded", created: 100, unchanged: 100 });
  }, 60_000);

  it("a queued run is cancelled at once", async () => {
    const { runId } = await requestRun(w.db, w.owner, conn.connectionId, { entity: "customers", direction: "pull" });
    expect((await cancelRun(w.db, w.owner, runId)).status).toBe("cancelled");
    const after = await requestRun(w.db, w.owner, conn.connectionId, { entity: "customers", direction: "pull" });
    expect(after.runId).not.toBe(runId);
    await cancelRun(w.db, w.owner, after.runId);
  });

  it("records per-record errors with the record's id, and retry re-does just the failed records", async () => {
    // A local invoice holds INV-0003, so Xero's INV-0003 cannot be written under that number.
    const c = await createCustomer(w.db, w.owner, { name: "Local Only Ltd" });
    await w.db.insert(invoiceCounters).values({ organisationId: w.owner.organisationId, lastNumber: 2 })
      .onConflictDoUpdate({ target: invoiceCounters.organisationId, set: { lastNumber: 2 } });
    const local = await createInvoice(w.db, w.owner, { customerId: c.id, issueDate: "2026-11-01", dueDate: "2026-11-30", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] });
    expect(local.number).toBe("INV-0003");
    const run = await syncNow(w.db, w.owner, conn.connectionId, { entity: "invoices", mode: "full", direction: "pull" });
    expect(run).toMatchObject({ status: "partial", failed: 1, created: 149 });
    const [err] = await runErrors(w.db, w.owner, run.id);
    expect(err).toMatchObject({ entity: "invoices", message: "Invoice number INV-0003 is already used by another invoice in the app." });
    expect(err!.externalId).toMatch(/[0-9a-f-]{36}/);
    const status = await syncStatus(w.db, w.owner, conn.connectionId);
    expect(status.entities.invoices).toMatchObject({ synced: 149, errors: 1 });

    await w.db.update(invoices).set({ number: "LOCAL-3" }).where(eq(invoices.id, local.id));
    const { runId } = await retryRun(w.db, w.owner, run.id);
    await runSync(w.db, { organisationId: w.owner.organisationId, connectionId: conn.connectionId, runId }, { step: (_id, fn) => fn() });
    const retried = await getRun(w.db, w.owner, runId);
    expect(retried).toMatchObject({ status: "succeeded", retryOf: run.id, created: 1, failed: 0, progress: 1 });
  }, 60_000);

  it("the sweep starts a run where the schedule is due, and none again while it is queued", async () => {
    const later = Date.now() + 2 * 3600_000;
    expect(await sweep(w.db, later)).toEqual({ started: 1 });
    const [queued] = await w.db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, conn.connectionId), eq(syncRuns.status, "queued")));
    expect(queued).toMatchObject({ direction: "both", entity: null, mode: "incremental" });
    expect(await sweep(w.db, later)).toEqual({ started: 0 });
    await cancelRun(w.db, w.owner, queued!.id);
  }, 60_000);
});
