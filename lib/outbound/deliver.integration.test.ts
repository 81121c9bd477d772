import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import { userContext } from "@/lib/auth/access";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { deliverOnce } from "./deliver";
import { createEndpoint, getEndpointSecret } from "./endpoints";
import { startReceiver } from "./testing/receiver";

// The Inngest job's try (deliverOnce), called straight: the same claim fence and batched record
// as the local worker, for one delivery.
describe("one try of one delivery (the Inngest path)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  const policy = { allowPrivate: true };
  beforeAll(async () => {
    t = await createTestDb();
    hook = await startReceiver((n) => (n === 1 ? { status: 503, headers: { "retry-after": "7" } } : { status: 200 }));
  }, 180_000);
  afterAll(async () => {
    await hook?.close();
    await t?.close();
  });

  it("records a failure with its next time, succeeds on the next try, and never sends a try twice", async () => {
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    const endpoint = await createEndpoint(t.db, ctx, { url: hook.url, eventTypes: ["customer.created"] });
    const [delivery] = await t.db.insert(webhookDeliveries).values({
      organisationId: tenant.organisationId, endpointId: endpoint.id, eventId: crypto.randomUUID(), eventType: "customer.created",
      body: JSON.stringify({ type: "customer.created", timestamp: new Date().toISOString(), data: { customerId: "c1", name: "One" } }), nextAttemptAt: new Date(),
    }).returning();
    const row = async () => (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id)))[0]!;

    const first = await deliverOnce(t.db, delivery!.id, 0, { policy });
    expect(first.status).toBe("retry");
    // Retry-After (7 s) is longer than the schedule's 5 s second try, so it wins.
    expect(first.status === "retry" && first.runAt.getTime() - Date.now()).toBeGreaterThan(5_000);
    expect(await row()).toMatchObject({ status: "pending", attempts: 1, claimedUntil: null });
    // The same try again (a duplicate job): the fence refuses it, nothing is sent.
    expect(await deliverOnce(t.db, delivery!.id, 0, { policy })).toEqual({ status: "skipped", reason: "not_due" });
    expect(hook.received).toHaveLength(1);

    expect(await deliverOnce(t.db, delivery!.id, 1, { policy })).toEqual({ status: "succeeded" });
    expect(await row()).toMatchObject({ status: "succeeded", attempts: 2, nextAttemptAt: null, claimedUntil: null });
    const attempts = await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id)).orderBy(webhookAttempts.seq);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.succeeded])).toEqual([[1, 503, false], [2, 200, true]]);
    const { secret } = await getEndpointSecret(t.db, ctx, endpoint.id);
    expect(new Webhook(secret).verify(hook.received[1]!.body, hook.received[1]!.headers)).toMatchObject({ data: { customerId: "c1" } });
    expect(new Set(hook.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery!.id]));
  });
});
