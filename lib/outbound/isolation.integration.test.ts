import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import { userContext } from "@/lib/auth/access";
import { createCustomer } from "@/lib/db/queries/customers";
import { dispatchEventJob } from "@/lib/events/dispatch-job";
import { startOutboxRelay, type OutboxRelay } from "@/lib/events/relay";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { createEndpoint, updateEndpoint } from "./endpoints";
// Registers the fan-out consumer (an event's deliveries, one per subscribed endpoint).
import "./jobs";
import { startReceiver } from "./testing/receiver";
import { startDeliveryWorker, type DeliveryWorker } from "./worker";

// The delivery worker's slow lane, end to end (real database, relay, worker, local HTTP
// receivers): a worker with 2 shared slots and a slow lane of 2, so a single hanging endpoint
// (2 tries in flight) would fill every shared slot without the lane. Hanging tries only end at
// the 15 s request timeout, so "delivered meanwhile" means "delivered beside them".
describe("outbound delivery: slow answers leave the shared slots", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs;
  let relay: OutboxRelay;
  let worker: DeliveryWorker;
  const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
  const saved = { schedule: process.env.HUB_OUTBOUND_RETRY_SCHEDULE, priv: process.env.HUB_ALLOW_PRIVATE_NETWORK };

  const receiver = async (hang: boolean) => {
    const r = await startReceiver(hang ? () => "hang" : undefined);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    // A failed try (a hanging answer cut when its receiver closes) is not retried within the test.
    process.env.HUB_OUTBOUND_RETRY_SCHEDULE = "0,600";
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "1";
    t = await createTestDb();
    jobs = await startTestJobs(t.db, { connectionString: t.url, localConcurrency: 4, registry: { jobs: [dispatchEventJob], schedules: [] } });
    relay = startOutboxRelay(t.db, { intervalMs: 100 });
    worker = startDeliveryWorker(t.db, { pollMs: 100, concurrency: 2, slowConcurrency: 2, slowAfterMs: 200 });
  }, 180_000);
  afterAll(async () => {
    await relay?.stop();
    for (const r of receivers) await r.close();
    await worker?.stop();
    await jobs?.stop({ graceful: false });
    await t?.close();
    process.env.HUB_OUTBOUND_RETRY_SCHEDULE = saved.schedule;
    process.env.HUB_ALLOW_PRIVATE_NETWORK = saved.priv;
  });

  it("delivers to a healthy endpoint while a hanging one holds tries that would fill every shared slot", async () => {
    const hanging = await receiver(true);
    const healthy = await receiver(false);
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    const stuck = await createEndpoint(t.db, ctx, { url: hanging.url, eventTypes: ["customer.created"] });
    await createEndpoint(t.db, ctx, { url: healthy.url, eventTypes: ["customer.created"] });
    // Oldest first: the hanging endpoint's second try is claimed before the healthy one's third,
    // so without the lane both shared slots would be held until the timeout after 1 or 2 sends.
    for (let i = 0; i < 6; i++) await createCustomer(t.db, tenant, { name: `Beside ${i}` });

    // Well inside the 15 s timeout that alone would free the hanging endpoint's slots.
    await waitFor(() => healthy.received.length === 6, { timeoutMs: 8_000 });
    // Per endpoint the bound is unchanged: 2 tries in flight, both still open.
    expect(hanging.received).toHaveLength(2);
    expect(hanging.received.every((r) => r.status === null)).toBe(true);
    // Quiet for the next test: no new tries, and the open ones cut (recorded as failed, the next
    // try 600 s away), which empties the lane.
    await updateEndpoint(t.db, ctx, stuck.id, { status: "paused" });
    receivers.splice(receivers.indexOf(hanging), 1);
    await hanging.close();
    await waitFor(async () => (await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, stuck.id))).length === 2);
  });

  it("keeps a slow try in its shared slot once the slow lane is full: never more than shared + lane in flight", async () => {
    // Three hanging endpoints want 6 tries (2 each); the bound is 2 shared + 2 in the lane.
    const hanging = await Promise.all([receiver(true), receiver(true), receiver(true)]);
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    for (const r of hanging) await createEndpoint(t.db, ctx, { url: r.url, eventTypes: ["customer.created"] });
    for (let i = 0; i < 3; i++) await createCustomer(t.db, tenant, { name: `Over ${i}` });

    const open = () => hanging.reduce((n, r) => n + r.received.length, 0);
    await waitFor(() => open() >= 4);
    // Well past the move to the lane (200 ms) and many polls (100 ms): no fifth try.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(open()).toBe(4);
    expect(hanging.every((r) => r.received.length <= 2)).toBe(true);
    // Quiet for the next test: the open tries cut (recorded as failed, the next try 600 s away).
    const mine = await Promise.all(hanging.map(async (r) => {
      receivers.splice(receivers.indexOf(r), 1);
      await r.close();
    }));
    expect(mine).toHaveLength(3);
    await waitFor(async () => (await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.organisationId, tenant.organisationId))).length >= 4);
  });

  it("claims tries ahead of the free shared slots and sends each as a slot frees, never more at once than the slots", async () => {
    // Receivers answering after 60 ms (under the 200 ms move to the lane), counting open requests.
    let open = 0;
    let mostOpen = 0;
    let answered = 0;
    const servers = await Promise.all([0, 1, 2].map(async () => {
      const server = http.createServer((req, res) => {
        open++;
        mostOpen = Math.max(mostOpen, open);
        req.resume().on("end", () => setTimeout(() => (open--, answered++, res.end("ok")), 60));
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return server;
    }));
    try {
      const tenant = await createTenant(t.db);
      const ctx = userContext(tenant);
      const endpoints: string[] = [];
      for (const s of servers) endpoints.push((await createEndpoint(t.db, ctx, { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`, eventTypes: ["customer.created"] })).id);
      for (let i = 0; i < 6; i++) await createCustomer(t.db, tenant, { name: `Ahead ${i}` });
      // While the 18 tries go out 2 at a time, more than 2 are claimed (room: 2 per endpoint).
      let mostClaimed = 0;
      while (answered < 18) {
        const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries)
          .where(and(inArray(webhookDeliveries.endpointId, endpoints), eq(webhookDeliveries.status, "pending"), gt(webhookDeliveries.claimedUntil, sql`now()`)));
        mostClaimed = Math.max(mostClaimed, n);
        await new Promise((r) => setTimeout(r, 10));
      }
      await waitFor(async () => (await t.db.select().from(webhookAttempts).where(inArray(webhookAttempts.endpointId, endpoints))).length === 18);
      expect(mostOpen).toBeLessThanOrEqual(2);
      expect(mostClaimed).toBeGreaterThan(2);
      // The endpoints' room bounds the claims: 2 each.
      expect(mostClaimed).toBeLessThanOrEqual(6);
    } finally {
      for (const s of servers) await new Promise((r) => s.close(r));
    }
  });
});
