import { spawn } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents, webhookDeliveries } from "@/drizzle/schema";
import { userContext } from "@/lib/auth/access";
import { dispatchEventJob } from "@/lib/events/dispatch-job";
import { startOutboxRelay, type OutboxRelay } from "@/lib/events/relay";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { createEndpoint, getEndpointSecret } from "./endpoints";
import { sweepDueDeliveries } from "./jobs";
import { startReceiver } from "./testing/receiver";
import { startDeliveryWorker, type DeliveryWorker } from "./worker";

// Either database: a try lost with its worker (its claim lapsed) is found by the sweeper (which
// re-sends it under Inngest) and taken again by a delivery worker.
describe("outbound sweeper", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let worker: DeliveryWorker | undefined;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "1";
    t = await createTestDb();
    hook = await startReceiver();
  }, 180_000);
  afterAll(async () => {
    await hook?.close();
    await worker?.stop();
    await t?.close();
  });

  it("takes again a due delivery whose try was lost (a worker that died mid-request)", async () => {
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    const endpoint = await createEndpoint(t.db, ctx, { url: hook.url, eventTypes: ["customer.created"] });
    // A claimed try whose lease lapsed: attempt 1 counted, no job, due a minute ago.
    const [lost] = await t.db.insert(webhookDeliveries).values({
      organisationId: tenant.organisationId, endpointId: endpoint.id, eventId: crypto.randomUUID(), eventType: "customer.created",
      body: JSON.stringify({ type: "customer.created", timestamp: new Date().toISOString(), data: { customerId: "lost", name: "Lost" } }),
      attempts: 1, nextAttemptAt: sql`now() - interval '1 minute'` as unknown as Date,
    }).returning();
    const before = hook.received.length;
    expect(await sweepDueDeliveries(t.db)).toBeGreaterThanOrEqual(1);
    worker = startDeliveryWorker(t.db, { pollMs: 100 });
    await waitFor(async () => (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, lost!.id)))[0]?.status === "succeeded", { timeoutMs: 30_000 });
    expect(hook.received.length).toBe(before + 1);
    expect(hook.received.at(-1)!.headers["webhook-id"]).toBe(lost!.id);
    expect((await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, lost!.id)))[0]!.attempts).toBe(2);
  }, 60_000);
});

// A real child process commits a change and is killed with SIGKILL before anything dispatches
// it (Postgres: the child needs its own connection to the same database).
const onPostgres = process.env.DATABASE_URL ? describe : undefined;

onPostgres?.("outbound delivery across a process killed between commit and dispatch", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs | undefined;
  let relay: OutboxRelay | undefined;
  let worker: DeliveryWorker | undefined;
  let hook: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "1";
    t = await createTestDb();
    hook = await startReceiver();
  }, 180_000);
  afterAll(async () => {
    await relay?.stop();
    await hook?.close();
    await worker?.stop();
    await jobs?.stop({ graceful: false });
    await t?.close();
  });

  it("loses no event: a new worker delivers it once, signed", async () => {
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    const endpoint = await createEndpoint(t.db, ctx, { url: hook.url, eventTypes: ["customer.created"] });

    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures/commit-and-die.ts"), t.url!, JSON.stringify(tenant)], {
      cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    const [, signal] = await new Promise<[number | null, string | null]>((r) => child.once("exit", (code, sig) => r([code, sig])));
    expect(signal).toBe("SIGKILL");
    const customerId = out.trim();
    expect(customerId).toMatch(/.+/);

    // Committed, not yet handed on, nothing delivered.
    const [event] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, customerId));
    expect(event).toMatchObject({ type: "customer.created", sentAt: null });
    expect(hook.received).toHaveLength(0);

    jobs = await startTestJobs(t.db, { connectionString: t.url, registry: { jobs: [dispatchEventJob], schedules: [] } });
    relay = startOutboxRelay(t.db, { intervalMs: 100 });
    worker = startDeliveryWorker(t.db, { pollMs: 100 });
    await waitFor(async () => (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event!.id)))[0]?.status === "succeeded", { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(hook.received).toHaveLength(1);
    const { secret } = await getEndpointSecret(t.db, ctx, endpoint.id);
    expect(new Webhook(secret).verify(hook.received[0]!.body, hook.received[0]!.headers)).toMatchObject({ data: { customerId } });
  }, 90_000);
});
