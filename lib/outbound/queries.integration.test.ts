import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents, webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import { userContext, type AccessContext } from "@/lib/auth/access";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { createEndpoint, type EndpointRow } from "./endpoints";
import { endpointBuckets, endpointDtos, listAttempts, listEvents } from "./queries";

// The read models of the Webhooks screens over rows written straight into the tables (one
// INSERT each), so paging, filters, counts and percentiles are checked against known data.
describe("outbound read models", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let ctx: AccessContext;
  let endpoint: EndpointRow;
  let eventIds: string[];

  beforeAll(async () => {
    t = await createTestDb();
    ctx = userContext(await createTenant(t.db));
    endpoint = await createEndpoint(t.db, ctx, { url: "http://127.0.0.1:9/hook", eventTypes: ["*"] });
    const events = await t.db.insert(outboxEvents).values(Array.from({ length: 3 }, (_, i) => ({
      type: i === 2 ? "invoice.paid" : "customer.created", aggregateType: "customer", aggregateId: `c${i}`, organisationId: ctx.organisationId, payload: {},
    }))).returning({ id: outboxEvents.id });
    eventIds = events.map((e) => e.id);
    const deliveries = await t.db.insert(webhookDeliveries).values([
      { organisationId: ctx.organisationId, endpointId: endpoint.id, eventId: eventIds[0]!, eventType: "customer.created", body: "{}", status: "succeeded" as const },
      { organisationId: ctx.organisationId, endpointId: endpoint.id, eventId: eventIds[0]!, eventType: "customer.created", body: "{}", status: "failed" as const },
      { organisationId: ctx.organisationId, endpointId: endpoint.id, eventId: eventIds[1]!, eventType: "customer.created", body: "{}", status: "pending" as const },
    ]).returning({ id: webhookDeliveries.id });
    // 10 attempts of 10, 20, … 100 ms; every third one failed.
    await t.db.insert(webhookAttempts).values(Array.from({ length: 10 }, (_, i) => ({
      organisationId: ctx.organisationId, endpointId: endpoint.id, deliveryId: deliveries[i % 3]!.id, attempt: i + 1,
      statusCode: i % 3 === 0 ? 500 : 200, durationMs: (i + 1) * 10, responseBody: "ok", error: i % 3 === 0 ? "HTTP 500" : null, succeeded: i % 3 !== 0,
    })));
  }, 180_000);
  afterAll(() => t?.close());

  it("pages an endpoint's attempts newest first by cursor, with the status filter", async () => {
    const first = await listAttempts(t.db, ctx, endpoint.id, { limit: 4 });
    expect(first.data.map((a) => a.attempt)).toEqual([10, 9, 8, 7]);
    expect(first.data[0]).toMatchObject({ eventType: "customer.created", statusCode: 500, succeeded: false, error: "HTTP 500" });
    const second = await listAttempts(t.db, ctx, endpoint.id, { limit: 4, before: Number(first.nextCursor) });
    expect(second.data.map((a) => a.attempt)).toEqual([6, 5, 4, 3]);
    const last = await listAttempts(t.db, ctx, endpoint.id, { limit: 4, before: Number(second.nextCursor) });
    expect(last.data.map((a) => a.attempt)).toEqual([2, 1]);
    expect(last.nextCursor).toBeNull();
    expect((await listAttempts(t.db, ctx, endpoint.id, { limit: 50, status: "failed" })).data.map((a) => a.attempt)).toEqual([10, 7, 4, 1]);
    const stranger = userContext(await createTenant(t.db, "Other"));
    expect((await listAttempts(t.db, stranger, endpoint.id, { limit: 50 })).data).toEqual([]);
  });

  it("gives 24-hour stats and hourly buckets with success rate and latency percentiles", async () => {
    const [dto] = await endpointDtos(t.db, ctx, [endpoint]);
    // Interpolated percentiles of 10, 20, … 100 ms: p50 55, p95 95.5 (rounded either way by float error).
    expect(dto!.stats24h).toMatchObject({ attempts: 10, succeeded: 6, failed: 4, successRate: 0.6, p50Ms: 55 });
    expect([95, 96]).toContain(dto!.stats24h.p95Ms);
    const buckets = await endpointBuckets(t.db, ctx, endpoint.id, 24);
    expect(buckets).toHaveLength(24);
    expect(buckets.reduce((n, b) => n + b.succeeded + b.failed, 0)).toBe(10);
    expect(buckets.at(-1)).toMatchObject({ succeeded: 6, failed: 4 });
    expect([95, 96]).toContain(buckets.at(-1)!.p95Ms);
    expect(buckets[0]).toMatchObject({ succeeded: 0, failed: 0, p95Ms: null });
  });

  it("lists the organisation's events newest first with their deliveries counted, filtered by type", async () => {
    const page = await listEvents(t.db, ctx, { limit: 2 });
    expect(page.data.map((e) => e.id)).toEqual([eventIds[2], eventIds[1]]);
    expect(page.data[1]!.deliveries).toEqual({ total: 1, succeeded: 0, failed: 0, pending: 1 });
    const rest = await listEvents(t.db, ctx, { limit: 2, before: Number(page.nextCursor) });
    expect(rest.data.map((e) => e.id)).toEqual([eventIds[0]]);
    expect(rest.data[0]!.deliveries).toEqual({ total: 2, succeeded: 1, failed: 1, pending: 0 });
    expect((await listEvents(t.db, ctx, { limit: 10, type: "invoice.paid" })).data.map((e) => e.id)).toEqual([eventIds[2]]);
  });
});
