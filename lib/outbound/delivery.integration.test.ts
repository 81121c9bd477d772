import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notices, outboxEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import { userContext, type AccessContext } from "@/lib/auth/access";
import { createCustomer } from "@/lib/db/queries/customers";
import { dispatchEventJob } from "@/lib/events/dispatch-job";
import { startOutboxRelay, type OutboxRelay } from "@/lib/events/relay";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { requeuePending, retryDelivery } from "./actions";
import { createEndpoint, getEndpointSecret, rotateEndpointSecret, updateEndpoint } from "./endpoints";
import { queueDeliveries } from "./jobs";
import { startReceiver, type Answer } from "./testing/receiver";
import { startDeliveryWorker, type DeliveryWorker } from "./worker";

// End to end on a real database, the real outbox relay, the embedded job driver and the delivery worker, delivering
// over real HTTP to local node:http receivers. The retry schedule is shortened through its
// setting (HUB_OUTBOUND_RETRY_SCHEDULE); nothing fakes time.
describe("outbound delivery", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs;
  let relay: OutboxRelay;
  let worker: DeliveryWorker;
  const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
  const saved = { schedule: process.env.HUB_OUTBOUND_RETRY_SCHEDULE, priv: process.env.HUB_ALLOW_PRIVATE_NETWORK };

  const receiver = async (answer?: (n: number) => Answer) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };
  /** A fresh organisation with one endpoint at `url`. */
  const setup = async (url: string, eventTypes = ["customer.created"]) => {
    const tenant = await createTenant(t.db);
    const ctx: AccessContext = userContext(tenant);
    const endpoint = await createEndpoint(t.db, ctx, { url, eventTypes });
    return { tenant, ctx, endpoint };
  };
  const deliveriesOf = (endpointId: string) => t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  const attemptsOf = (endpointId: string) => t.db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, endpointId)).orderBy(webhookAttempts.seq);

  beforeAll(async () => {
    process.env.HUB_OUTBOUND_RETRY_SCHEDULE = "0,0.3,0.3";
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "1";
    t = await createTestDb();
    jobs = await startTestJobs(t.db, { connectionString: t.url, localConcurrency: 8, registry: { jobs: [dispatchEventJob], schedules: [] } });
    relay = startOutboxRelay(t.db, { intervalMs: 100 });
    worker = startDeliveryWorker(t.db, { pollMs: 100 });
  }, 180_000);
  afterAll(async () => {
    await relay?.stop();
    // Receivers first: the worker's stop waits for its tries, a hanging one included.
    for (const r of receivers) await r.close();
    await worker?.stop();
    await jobs?.stop({ graceful: false });
    await t?.close();
    process.env.HUB_OUTBOUND_RETRY_SCHEDULE = saved.schedule;
    process.env.HUB_ALLOW_PRIVATE_NETWORK = saved.priv;
  });

  it("delivers a committed event to the subscribed endpoints, signed so the standardwebhooks library verifies it", async () => {
    const hook = await receiver();
    const other = await receiver();
    const all = await receiver();
    const { tenant, ctx, endpoint } = await setup(hook.url);
    await createEndpoint(t.db, ctx, { url: other.url, eventTypes: ["invoice.paid"] });
    await createEndpoint(t.db, ctx, { url: all.url, eventTypes: ["*"] });
    const customer = await createCustomer(t.db, tenant, { name: "Signed Ltd" });

    await waitFor(() => hook.received.length >= 1 && all.received.length >= 1);
    const [got] = hook.received;
    const { secret } = await getEndpointSecret(t.db, ctx, endpoint.id);
    const verified = new Webhook(secret).verify(got!.body, got!.headers) as { type: string; timestamp: string; data: { customerId: string; name: string } };
    expect(verified.type).toBe("customer.created");
    expect(verified.data).toEqual({ customerId: customer.id, name: "Signed Ltd" });
    expect(new Date(verified.timestamp).toString()).not.toBe("Invalid Date");
    // The bytes signed are the bytes stored and sent; webhook-id is the delivery's message id.
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(got!.body).toBe(delivery!.body);
    expect(got!.headers["webhook-id"]).toBe(delivery!.id);
    expect(got!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(got!.body, got!.headers)).toThrow();
    await waitFor(async () => (await deliveriesOf(endpoint.id))[0]?.status === "succeeded");
    // Subscribed to another type: nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(other.received).toHaveLength(0);
  });

  it("signs with the old and the new secret during a rotation: receivers holding either verify", async () => {
    const hook = await receiver();
    const { tenant, ctx, endpoint } = await setup(hook.url);
    const { secret: oldSecret } = await getEndpointSecret(t.db, ctx, endpoint.id);
    const rotated = await rotateEndpointSecret(t.db, ctx, endpoint.id);
    expect(rotated.previousSecret).toBe(oldSecret);
    expect(rotated.secret).not.toBe(oldSecret);
    expect(new Date(rotated.previousExpiresAt!).getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

    await createCustomer(t.db, tenant, { name: "Rotating" });
    await waitFor(() => hook.received.length >= 1);
    const [got] = hook.received;
    expect(got!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect((new Webhook(oldSecret).verify(got!.body, got!.headers) as { type: string }).type).toBe("customer.created");
    expect((new Webhook(rotated.secret).verify(got!.body, got!.headers) as { type: string }).type).toBe("customer.created");
  });

  it("retries a receiver that fails twice: accepted once, every try with the same webhook-id", async () => {
    const hook = await receiver((n) => (n <= 2 ? { status: n === 1 ? 500 : 503, body: "down" } : { status: 204 }));
    const { tenant, endpoint } = await setup(hook.url);
    await createCustomer(t.db, tenant, { name: "Flaky" });

    await waitFor(async () => (await deliveriesOf(endpoint.id))[0]?.status === "succeeded");
    expect(hook.received.map((r) => r.status)).toEqual([500, 503, 204]);
    expect(new Set(hook.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 3 });
    const attempts = await attemptsOf(endpoint.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.succeeded])).toEqual([[1, 500, false], [2, 503, false], [3, 204, true]]);
    expect(attempts[0]!.responseBody).toBe("down");
    // The failure run ended with the success.
    expect((await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0]!.failingSince).toBeNull();
  });

  it("fails a delivery once the schedule is spent, and retries it on request", async () => {
    let healthy = false;
    const hook = await receiver(() => (healthy ? { status: 200 } : { status: 500 }));
    const { tenant, ctx, endpoint } = await setup(hook.url);
    await createCustomer(t.db, tenant, { name: "Spent" });
    await waitFor(async () => (await deliveriesOf(endpoint.id))[0]?.status === "failed");
    expect(hook.received).toHaveLength(3);

    healthy = true;
    const [delivery] = await deliveriesOf(endpoint.id);
    await retryDelivery(t.db, ctx, delivery!.id);
    await waitFor(async () => (await deliveriesOf(endpoint.id))[0]?.status === "succeeded");
    expect(hook.received).toHaveLength(4);
    expect(hook.received[3]!.headers["webhook-id"]).toBe(delivery!.id);
  });

  it("disables an endpoint that answers 410 and tells the organisation (audit log + notice)", async () => {
    const hook = await receiver(() => ({ status: 410 }));
    const { tenant, endpoint } = await setup(hook.url);
    await createCustomer(t.db, tenant, { name: "Gone" });
    await waitFor(async () => (await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0]?.status === "disabled");
    expect(hook.received).toHaveLength(1);
    expect((await deliveriesOf(endpoint.id))[0]!.status).toBe("failed");
    const [row] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.disabledReason).toMatch(/410/);
    expect(await t.db.select().from(notices).where(eq(notices.organisationId, tenant.organisationId))).toHaveLength(1);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.organisationId, tenant.organisationId), eq(auditLog.action, "webhook_endpoint.disabled")))).toHaveLength(1);

    // A disabled endpoint gets no new deliveries.
    await createCustomer(t.db, tenant, { name: "After" });
    await new Promise((r) => setTimeout(r, 600));
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
  });

  it("disables an endpoint that has failed without a success for 5 days", async () => {
    const hook = await receiver(() => ({ status: 500 }));
    const { tenant, endpoint } = await setup(hook.url);
    // The endpoint's run of failures began six days ago (as recorded by earlier failed tries).
    await t.db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '6 days'` }).where(eq(webhookEndpoints.id, endpoint.id));
    await createCustomer(t.db, tenant, { name: "Still failing" });
    await waitFor(async () => (await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id)))[0]?.status === "disabled");
    const [row] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.disabledReason).toMatch(/5 days/);
    const [notice] = await t.db.select().from(notices).where(eq(notices.organisationId, tenant.organisationId));
    expect(notice!.body).toContain(hook.url);
    await waitFor(async () => (await deliveriesOf(endpoint.id))[0]?.status === "failed");
    expect(hook.received).toHaveLength(1);
  });

  it("keeps delivering to a healthy endpoint while another one hangs", async () => {
    const hanging = await receiver(() => "hang");
    const healthy = await receiver();
    const { tenant, ctx, endpoint: stuck } = await setup(hanging.url);
    const fine = await createEndpoint(t.db, ctx, { url: healthy.url, eventTypes: ["customer.created"] });
    for (let i = 0; i < 6; i++) await createCustomer(t.db, tenant, { name: `Busy ${i}` });

    await waitFor(async () => (await deliveriesOf(fine.id)).filter((d) => d.status === "succeeded").length === 6, { timeoutMs: 12_000 });
    expect(healthy.received).toHaveLength(6);
    // The hanging endpoint holds only its own slots: its tries are still open, none recorded yet.
    expect(hanging.received.length).toBeGreaterThanOrEqual(1);
    expect(hanging.received.length).toBeLessThanOrEqual(2);
    expect(await attemptsOf(stuck.id)).toHaveLength(0);
  });

  it("holds deliveries while an endpoint is paused and sends them when it is resumed", async () => {
    const hook = await receiver();
    const { tenant, ctx, endpoint } = await setup(hook.url);
    await updateEndpoint(t.db, ctx, endpoint.id, { status: "paused" });
    // A paused endpoint gets no new deliveries; one already pending (paused mid-retry) waits.
    await createCustomer(t.db, tenant, { name: "While paused" });
    const [waiting] = await t.db.insert(webhookDeliveries).values({
      organisationId: tenant.organisationId, endpointId: endpoint.id, eventId: crypto.randomUUID(), eventType: "customer.created",
      body: JSON.stringify({ type: "customer.created", timestamp: new Date().toISOString(), data: { customerId: "w", name: "Waiting" } }),
      attempts: 1, nextAttemptAt: new Date(),
    }).returning();
    await queueDeliveries(t.db, [{ deliveryId: waiting!.id, endpointId: endpoint.id, attempts: 1 }]);
    await new Promise((r) => setTimeout(r, 800));
    expect(hook.received).toHaveLength(0);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);

    const { resumed } = await updateEndpoint(t.db, ctx, endpoint.id, { status: "active" });
    expect(resumed).toBe(true);
    expect(await requeuePending(t.db, ctx, endpoint.id)).toBe(1);
    await waitFor(async () => (await deliveriesOf(endpoint.id))[0]?.status === "succeeded");
    expect(hook.received.map((r) => r.headers["webhook-id"])).toEqual([waiting!.id]);
  });

  it("sends nothing for a rolled-back change", async () => {
    const hook = await receiver();
    const { tenant, endpoint } = await setup(hook.url);
    await expect(t.db.transaction(async (tx) => {
      await createCustomer(tx, tenant, { name: "Rolled back" });
      throw new Error("abort");
    })).rejects.toThrow("abort");
    // A later committed change is delivered; the rolled-back one never is.
    await createCustomer(t.db, tenant, { name: "Committed" });
    await waitFor(() => hook.received.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(hook.received.map((r) => (JSON.parse(r.body) as { data: { name: string } }).data.name)).toEqual(["Committed"]);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    expect((await t.db.select().from(outboxEvents).where(eq(outboxEvents.organisationId, tenant.organisationId))).map((e) => e.type)).toEqual(["customer.created"]);
  });
});
