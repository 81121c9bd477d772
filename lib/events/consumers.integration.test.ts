import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventConsumptions, webhookEndpoints } from "@/drizzle/schema";
import { createCustomer } from "@/lib/db/queries/customers";
import { executeRows } from "@/lib/jobs/local/rows";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { outboundConsumer } from "@/lib/outbound/jobs";
import type { DomainEvent } from "./catalog";
import { consumeOnce, dispatchEvents, loadEvent, registerConsumer, type EventConsumer } from "./consumers";

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  t = await createTestDb();
}, 180_000);
afterAll(() => t?.close());

describe("consumer after-commit steps", () => {
  it("run once the consumption has committed (and see its rows), never for a rolled-back or repeated one", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "After" });
    const [row] = await executeRows<{ id: string }>(t.db, sql`select id from outbox_events where aggregate_id = ${customer.id}`);
    const event = (await loadEvent(t.db, row!.id))!;
    const seen: number[] = [];
    const countCommitted = async () => (await t.db.select().from(eventConsumptions).where(eq(eventConsumptions.eventId, event.id))).length;

    const failing: EventConsumer = {
      name: "test.after-failing", types: ["customer.created"],
      async handle(_e, { afterCommit }) {
        afterCommit(async () => void seen.push(-1));
        throw new Error("effect failed");
      },
    };
    await expect(consumeOnce(t.db, failing, event)).rejects.toThrow("effect failed");
    expect(seen).toEqual([]);

    const ok: EventConsumer = {
      name: "test.after-ok", types: ["customer.created"],
      async handle(_e, { afterCommit }) {
        afterCommit(async () => void seen.push(await countCommitted()));
      },
    };
    expect(await consumeOnce(t.db, ok, event)).toBe(true);
    expect(await consumeOnce(t.db, ok, event)).toBe(false);
    expect(seen).toEqual([1]);
  });
});

describe("consumers that record nothing when there is nothing to keep single", () => {
  const eventsOf = async (organisationId: string): Promise<DomainEvent[]> => {
    const rows = await executeRows<{ id: string }>(t.db, sql`select id from outbox_events where organisation_id = ${organisationId} order by seq`);
    return Promise.all(rows.map(async (r) => (await loadEvent(t.db, r.id))!));
  };
  const consumed = async (consumer: string, events: DomainEvent[]) => (await t.db.select().from(eventConsumptions)
    .where(eq(eventConsumptions.consumer, consumer))).filter((r) => events.some((e) => e.id === r.eventId)).map((r) => r.eventId);

  it("a batch gives a consumer only its relevant events (recorded once each), and an idempotent one all of them every time (recorded never)", async () => {
    const tenant = await createTenant(t.db);
    const customers: { id: string }[] = [];
    for (const name of ["One", "Two", "Three"]) customers.push(await createCustomer(t.db, tenant, { name }));
    const events = await eventsOf(tenant.organisationId);
    expect(events.map((e) => e.type)).toEqual(["customer.created", "customer.created", "customer.created"]);
    const handled: Record<string, string[]> = { picky: [], again: [] };
    const picky: EventConsumer = {
      name: "test.picky", types: ["customer.created"],
      relevant: async (_db, evs) => evs.filter((e) => e.aggregateId === customers[1]!.id),
      async handle(e) { handled.picky!.push(e.id); },
    };
    const again: EventConsumer = { name: "test.again", types: ["customer.created"], idempotent: true, async handle(e) { handled.again!.push(e.id); } };
    const off = [registerConsumer(picky), registerConsumer(again)];
    try {
      for (let i = 0; i < 2; i++) expect(await dispatchEvents(t.db, events)).toEqual({ failed: new Map(), held: new Set() });
    } finally {
      for (const f of off) f();
    }
    const second = events[1]!.id;
    expect(handled.picky).toEqual([second]);
    expect(await consumed("test.picky", events)).toEqual([second]);
    expect(handled.again).toEqual([...events.map((e) => e.id), ...events.map((e) => e.id)]);
    expect(await consumed("test.again", events)).toEqual([]);
  });

  it("the webhook fan-out is relevant only to events an active endpoint of their organisation subscribes to", async () => {
    const tenant = await createTenant(t.db);
    await createCustomer(t.db, tenant, { name: "Fan" });
    const events = await eventsOf(tenant.organisationId);
    expect(await outboundConsumer.relevant(t.db, events)).toEqual([]);
    const endpoint = { organisationId: tenant.organisationId, url: "https://receiver.example/hook" };
    await t.db.insert(webhookEndpoints).values({ ...endpoint, eventTypes: ["invoice.created"] });
    await t.db.insert(webhookEndpoints).values({ ...endpoint, eventTypes: ["customer.created"], status: "paused" });
    expect(await outboundConsumer.relevant(t.db, events)).toEqual([]);
    await t.db.update(webhookEndpoints).set({ status: "active" })
      .where(and(eq(webhookEndpoints.organisationId, tenant.organisationId), eq(webhookEndpoints.status, "paused")));
    expect((await outboundConsumer.relevant(t.db, events)).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});
