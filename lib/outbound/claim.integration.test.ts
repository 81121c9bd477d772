import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import { userContext } from "@/lib/auth/access";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { createEndpoint } from "./endpoints";
import { claimDue } from "./worker";

// claimDue on a real database with no worker running: which due tries a claim takes first.
describe("outbound claim order", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  const saved = process.env.HUB_ALLOW_PRIVATE_NETWORK;

  beforeAll(async () => {
    process.env.HUB_ALLOW_PRIVATE_NETWORK = "1";
    t = await createTestDb();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    process.env.HUB_ALLOW_PRIVATE_NETWORK = saved;
  });

  it("takes a failing endpoint's due tries after the others' until they are 30 s overdue", async () => {
    const tenant = await createTenant(t.db);
    const ctx = userContext(tenant);
    const failing = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/failing", eventTypes: ["*"] });
    const healthy = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/healthy", eventTypes: ["*"] });
    await t.db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '1 minute'` }).where(eq(webhookEndpoints.id, failing.id));
    const due = (endpointId: string, secondsAgo: number) => ({
      organisationId: tenant.organisationId, endpointId, eventId: crypto.randomUUID(), eventType: "customer.created", body: "{}",
      nextAttemptAt: sql`now() - make_interval(secs => ${secondsAgo})`,
    });
    // The failing endpoint's tries are older (5 s overdue) than the healthy one's (1 s), yet wait.
    await t.db.insert(webhookDeliveries).values([due(failing.id, 5), due(failing.id, 5), due(healthy.id, 1), due(healthy.id, 1)]);
    const first = await claimDue(t.db, 2);
    expect(first.map((r) => r.endpoint_id)).toEqual([healthy.id, healthy.id]);

    // Overdue by more than 30 s: by due time again, so a failing endpoint is never starved (another
    // healthy endpoint, as the first one's 2 tries are in flight).
    const other = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/other", eventTypes: ["*"] });
    const [late] = await t.db.insert(webhookDeliveries).values([due(failing.id, 40), due(other.id, 1)]).returning();
    const second = await claimDue(t.db, 1);
    expect(second.map((r) => r.id)).toEqual([late!.id]);
  });
});
