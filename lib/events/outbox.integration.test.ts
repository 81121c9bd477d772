import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventConsumptions, outboxEvents } from "@/drizzle/schema";
import { createCustomer, updateCustomer } from "@/lib/db/queries/customers";
import { createInvoice, voidInvoice } from "@/lib/db/queries/invoices";
import { recordPayment } from "@/lib/db/queries/payments";
import { executeRows } from "@/lib/jobs/local/rows";
import type { LocalJobs } from "@/lib/jobs/local/worker";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { dispatchEvent, registerConsumer } from "./consumers";
import { dispatchEventJob } from "./dispatch-job";
import { drainOutbox } from "./drain";
import { relayToRemote, startOutboxRelay, type OutboxRelay } from "./relay";

describe("transactional outbox", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs;
  let relay: OutboxRelay | undefined;
  const effects = () => executeRows<{ event_id: string; type: string; aggregate_id: string }>(t.db, sql`select event_id, type, aggregate_id from effects order by n`);

  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execute(sql`create table effects (n serial primary key, event_id text not null, type text not null, aggregate_id text not null)`);
    // A consumer whose effect is a row written in its transaction; the first event of an
    // aggregate is slow, so a later one would overtake it were order not kept.
    registerConsumer({
      name: "test.effects",
      types: ["customer.created", "customer.updated", "invoice.created", "invoice.sent", "invoice.paid", "invoice.cancelled", "payment.received"],
      async handle(event, { tx }) {
        if (event.type === "invoice.created") await new Promise((r) => setTimeout(r, 300));
        await tx.execute(sql`insert into effects (event_id, type, aggregate_id) values (${event.id}, ${event.type}, ${event.aggregateId})`);
      },
    });
    jobs = await startTestJobs(t.db, { connectionString: t.url, registry: { jobs: [dispatchEventJob], schedules: [] } });
  }, 180_000); // PGlite migrations alone can take most of a minute on a loaded machine
  afterAll(async () => {
    await relay?.stop();
    await jobs?.stop({ graceful: false });
    await t?.close();
  });
  beforeEach(async () => {
    await relay?.stop();
    relay = undefined;
    await t.db.execute(sql`delete from effects`);
  });

  it("delivers the events of committed changes once each, in order per aggregate (local driver)", async () => {
    const tenant = await createTenant(t.db);
    const customer = await createCustomer(t.db, tenant, { name: "Acme" });
    await updateCustomer(t.db, tenant, customer.id, { email: "ap@acme.test" });
    const base = { customerId: customer.id, issueDate: "2025-01-01", dueDate: "2025-02-01", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] };
    const paid = await createInvoice(t.db, tenant, { ...base, send: true });
    await recordPayment(t.db, tenant, paid.id, { amount: 40, paidAt: "2025-01-10" });
    await recordPayment(t.db, tenant, paid.id, { amount: 60, paidAt: "2025-01-11" });
    const voided = await createInvoice(t.db, tenant, base);
    await voidInvoice(t.db, tenant, voided.id);

    const emitted = await t.db.select().from(outboxEvents).where(eq(outboxEvents.organisationId, tenant.organisationId)).orderBy(asc(outboxEvents.seq));
    expect(emitted.map((e) => e.type)).toEqual([
      "customer.created", "customer.updated",
      "invoice.created", "invoice.sent", "payment.received", "payment.received", "invoice.paid",
      "invoice.created", "invoice.cancelled",
    ]);

    relay = startOutboxRelay(t.db, { intervalMs: 100 });
    await waitFor(async () => (await effects()).length >= emitted.length, { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 500)); // nothing more arrives
    const seen = await effects();
    expect(seen.map((e) => e.event_id).sort()).toEqual(emitted.map((e) => e.id).sort());
    for (const aggregate of [customer.id, paid.id, voided.id]) {
      expect(seen.filter((e) => e.aggregate_id === aggregate).map((e) => e.event_id))
        .toEqual(emitted.filter((e) => e.aggregateId === aggregate).map((e) => e.id));
    }
    expect((await t.db.select().from(outboxEvents).where(sql`sent_at is null`)).length).toBe(0);
  }, 60_000);

  it("emits nothing for a rolled-back change, and composes writes in the caller's transaction", async () => {
    const tenant = await createTenant(t.db);
    const before = (await t.db.select().from(outboxEvents)).length;
    await expect(t.db.transaction(async (tx) => {
      const c = await createCustomer(tx, tenant, { name: "Never" });
      await createInvoice(tx, tenant, { customerId: c.id, issueDate: "2025-01-01", dueDate: "2025-02-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 5 }] });
      expect((await tx.select().from(outboxEvents)).length).toBe(before + 3);
      throw new Error("abort the whole change");
    })).rejects.toThrow("abort the whole change");
    expect((await t.db.select().from(outboxEvents)).length).toBe(before);
  });

  it("sends again after a relay died between send and mark-sent; the consumer's dedupe keeps the effect single", async () => {
    const tenant = await createTenant(t.db);
    const c = await createCustomer(t.db, tenant, { name: "Twice" });
    const [event] = await t.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, c.id));
    // Remote relay (the Inngest path): the send reaches the consumer, then the process "dies".
    const deliver = async (rows: { id: string }[]) => {
      for (const r of rows) await dispatchEvent(t.db, r.id);
    };
    await expect(relayToRemote(t.db, async (rows) => {
      await deliver(rows);
      throw new Error("killed before mark-sent");
    }, { leaseSeconds: 1 })).rejects.toThrow("killed");
    expect((await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, event!.id)))[0]!.sentAt).toBeNull();
    // While leased, no other relay takes it; once the lease lapses it is sent again.
    expect(await relayToRemote(t.db, deliver)).toBe(0);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await relayToRemote(t.db, deliver)).toBeGreaterThanOrEqual(1);

    const row = (await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, event!.id)))[0]!;
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    expect((await effects()).filter((e) => e.event_id === event!.id)).toHaveLength(1);
    expect(await t.db.select().from(eventConsumptions).where(eq(eventConsumptions.eventId, event!.id))).toHaveLength(1);
  });

  it("drains a batch: an event failing a consumer is tried again after a backoff, its aggregate's later events wait behind it, others go on", async () => {
    const tenant = await createTenant(t.db);
    await drainOutbox(t.db); // what earlier tests left
    const a = await createCustomer(t.db, tenant, { name: "Flaky" });
    await updateCustomer(t.db, tenant, a.id, { email: "one@flaky.test" });
    await updateCustomer(t.db, tenant, a.id, { email: "two@flaky.test" });
    await createCustomer(t.db, tenant, { name: "Steady" });
    const mine = await t.db.select().from(outboxEvents).where(eq(outboxEvents.organisationId, tenant.organisationId)).orderBy(asc(outboxEvents.seq));
    const [aCreated, aUpdated1, aUpdated2, bCreated] = mine;
    expect(mine.map((e) => e.type)).toEqual(["customer.created", "customer.updated", "customer.updated", "customer.created"]);
    // Fails the first update's first two tries (the batch's, then its own); records its effects as "flaky:<type>".
    let tries = 0;
    const remove = registerConsumer({
      name: "test.flaky",
      types: ["customer.created", "customer.updated"],
      async handle(event, { tx }) {
        if (event.id === aUpdated1!.id && ++tries <= 2) throw new Error("flaky consumer failed");
        await tx.execute(sql`insert into effects (event_id, type, aggregate_id) values (${event.id}, ${`flaky:${event.type}`}, ${event.aggregateId})`);
      },
    });
    try {
      const row = async (id: string) => (await t.db.select().from(outboxEvents).where(eq(outboxEvents.id, id)))[0]!;
      expect(await drainOutbox(t.db)).toBe(2);
      expect((await row(aCreated!.id)).sentAt).not.toBeNull();
      expect((await row(bCreated!.id)).sentAt).not.toBeNull();
      const failed = await row(aUpdated1!.id);
      expect(failed.sentAt).toBeNull();
      expect(failed.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
      expect((await row(aUpdated2!.id)).sentAt).toBeNull();
      const flaky = async () => (await effects()).filter((e) => e.type.startsWith("flaky:")).map((e) => e.event_id);
      // The later update of the same customer did not overtake the failed one.
      expect(await flaky()).toEqual([aCreated!.id, bCreated!.id]);
      // While the failed event waits for its retry, nothing of its aggregate is claimable.
      expect(await drainOutbox(t.db)).toBe(0);
      await waitFor(async () => (await drainOutbox(t.db)) > 0, { timeoutMs: 10_000 });
      expect(await flaky()).toEqual([aCreated!.id, bCreated!.id, aUpdated1!.id, aUpdated2!.id]);
      expect((await row(aUpdated1!.id)).attempts).toBe(2);
      expect((await row(aUpdated2!.id)).sentAt).not.toBeNull();
      // The consumer that never failed ran each event once, in order, though two were claimed twice.
      expect((await effects()).filter((e) => e.type.startsWith("customer.")).map((e) => e.event_id)).toEqual(mine.map((e) => e.id));
    } finally {
      remove();
    }
  }, 30_000);
});
