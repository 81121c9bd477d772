import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, syncRuns } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { startOutboxRelay, type OutboxRelay } from "@/lib/events/relay";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { requestRun } from "./request";
import { getRun } from "./runs";
import { saveEntitySettings } from "./settings";
import { closeWorld, connectXero, createWorld, xeroOf, type World } from "./test-support";

// Runs through the embedded job driver (pg-boss on the test database) and the outbox: "sync now"
// enqueues the run's job; a customer created in the app reaches Xero through the push trigger.
let w: World;
let conn: { connectionId: string; tenantId: string };
let jobs: LocalJobs;
let relay: OutboxRelay;
beforeAll(async () => {
  w = await createWorld();
  conn = await connectXero(w);
  jobs = await startTestJobs(w.db, { schedules: false });
  relay = startOutboxRelay(w.db, { intervalMs: 100 });
}, 60_000);
afterAll(async () => {
  await relay?.stop();
  await jobs?.stop({ graceful: false });
  await closeWorld(w);
});

describe("sync as jobs", () => {
  it("a run requested twice is one run, done by its job", async () => {
    const first = await requestRun(w.db, w.owner, conn.connectionId, { entity: "customers", direction: "pull" });
    const second = await requestRun(w.db, w.owner, conn.connectionId, { entity: "customers", direction: "pull" });
    expect(second).toEqual({ runId: first.runId, joined: true });
    const done = await waitFor(async () => {
      const r = await getRun(w.db, w.owner, first.runId);
      return ["succeeded", "partial", "failed"].includes(r.status) && r;
    }, { timeoutMs: 60_000 });
    expect(done).toMatchObject({ status: "succeeded", created: 30, failed: 0 });
    const [n] = await w.db.select({ n: sql<number>`count(*)::int` }).from(customers).where(eq(customers.organisationId, w.owner.organisationId));
    expect(n!.n).toBe(30);
  }, 90_000);

  it("a customer created in the app is pushed by the run its event triggers", async () => {
    await saveEntitySettings(w.db, w.owner, conn.connectionId, "invoices", { enabled: false });
    await createCustomer(w.db, w.owner, { name: "Triggered Trading Ltd", email: "hello@triggered.test" });
    const books = xeroOf(w).store.tenant(conn.tenantId)!;
    const contact = await waitFor(() => books.list("Contacts").find((c) => c.data.Name === "Triggered Trading Ltd"), { timeoutMs: 60_000 });
    expect(contact.data.EmailAddress).toBe("hello@triggered.test");
    const pushRuns = await w.db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, conn.connectionId), eq(syncRuns.direction, "push")));
    expect(pushRuns.length).toBeGreaterThan(0);
  }, 90_000);
});
