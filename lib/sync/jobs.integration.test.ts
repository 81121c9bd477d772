import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, invoices, syncLinks, syncRuns } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { startOutboxRelay, type OutboxRelay } from "@/lib/events/relay";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { requestRun } from "./request";
import { getRun } from "./runs";
import { saveEntitySettings } from "./settings";
import { closeWorld, connectXero, control, createWorld, xeroOf, type World } from "./test-support";

// Runs through the embedded job driver (pg-boss on the test database) and the outbox: "sync now"
// enqueues the run's job; a customer created in the app reaches Xero through the push trigger.
describe("sync as jobs", () => {
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

// Postgres only (a second process cannot open an in-memory PGlite): the process running a sync is
// killed (-9) in the middle of a run; another worker picks the job up after its heartbeat lapses,
// resumes from the last committed page, and the run ends with no duplicate and no missing record.
const onPostgres = process.env.DATABASE_URL ? describe : undefined;

onPostgres?.("a sync run whose worker is killed mid-run", () => {
  let w: World;
  let conn: { connectionId: string; tenantId: string };
  let child: ChildProcess | undefined;
  let jobs: LocalJobs | undefined;
  beforeAll(async () => {
    w = await createWorld();
    conn = await connectXero(w);
    await control(w, "seed", { provider: "xero", entity: "Contacts", count: 470, account: conn.tenantId });
    await control(w, "seed", { provider: "xero", entity: "Invoices", count: 350, account: conn.tenantId });
    // Slow answers, so the run is surely in the middle when the worker dies.
    await control(w, "faults", { provider: "xero", latencyMs: 400 });
  }, 180_000);
  afterAll(async () => {
    child?.kill("SIGKILL");
    await jobs?.stop({ graceful: false });
    await closeWorld(w);
  });

  it("finishes after a restart with every record once", async () => {
    const { runId } = await requestRun(w.db, w.owner, conn.connectionId, { mode: "full", direction: "pull" });
    child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures/sync-worker.ts"), w.url!], { cwd: process.cwd(), stdio: "ignore", env: process.env });
    // Two committed pages in, the process dies without warning.
    await waitFor(async () => (await getRun(w.db, w.owner, runId)).progress >= 200, { timeoutMs: 60_000, everyMs: 20 });
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    const atKill = await getRun(w.db, w.owner, runId);
    expect(atKill.status).toBe("running");
    expect(atKill.progress).toBeLessThan(1000);

    jobs = await startTestJobs(w.db, { connectionString: w.url, schedules: false });
    const done = await waitFor(async () => {
      const r = await getRun(w.db, w.owner, runId);
      return ["succeeded", "partial", "failed"].includes(r.status) && r;
    }, { timeoutMs: 120_000 });
    const books = xeroOf(w).store.tenant(conn.tenantId)!;
    // Every record the run pulls (contacts, items, invoices, payments), each created once.
    const total = (["Contacts", "Items", "Invoices", "Payments"] as const).reduce((n, e) => n + books.list(e).length, 0);
    expect(done).toMatchObject({ status: "succeeded", created: total, failed: 0, progress: total });
    const count = async (t: typeof customers | typeof invoices) =>
      (await w.db.select({ n: sql<number>`count(*)::int` }).from(t).where(eq(t.organisationId, w.owner.organisationId)))[0]!.n;
    expect(await count(customers)).toBe(books.list("Contacts").length);
    expect(await count(invoices)).toBe(books.list("Invoices").length);
    const [links] = await w.db.select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct external_id)::int` }).from(syncLinks)
      .where(eq(syncLinks.connectionId, conn.connectionId));
    expect(links).toEqual({ n: total, distinct: total });
  }, 240_000);
});
