// The drain that processes stored events (lib/inbound/drain.ts), driven directly: what a process
// that stopped after storing leaves `received` is processed by the next drain, concurrent drains
// apply each event once, and an event another drain holds (its lease) or one waiting out a
// retry's backoff is left alone until it comes due.
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEvents, invoices, payments } from "@/drizzle/schema";
import { jobContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice } from "@/lib/db/queries/invoices";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { drainInbound } from "./drain";
import { insertEvents } from "./store";

let db: Db;
let close: () => Promise<void>;
let org: string;
let connectionId: string;
let invoiceId: string;

const paymentEvent = (n: number) => ({
  organisationId: org, connectionId, provider: "stripe", eventId: `evt_drain_${n}`, type: "payment_intent.succeeded",
  body: JSON.stringify({
    id: `evt_drain_${n}`, object: "event", type: "payment_intent.succeeded", created: Math.floor(Date.now() / 1000),
    data: { object: { id: `pi_drain_${n}`, object: "payment_intent", amount: 1, amount_received: 1, currency: "usd", metadata: { invoice_id: invoiceId } } },
  }),
});

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  org = (await createTenant(db, "Drained Ltd")).organisationId;
  const ctx = jobContext(org, "test");
  const [conn] = await insertConnections(db, ctx, [{ provider: "stripe", authMode: "api_key", status: "connected", externalAccountId: "acct_drained" }]);
  connectionId = conn!.id;
  const customer = await createCustomer(db, ctx, { name: "Drain Payer" });
  invoiceId = (await createInvoice(db, ctx, { customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "Units", quantity: 100, unitPrice: 1 }] })).id;
}, 60_000);

afterAll(async () => {
  await close();
});

describe("the inbound drain", () => {
  it("processes events left received, each once, with two drains racing", async () => {
    // Stored without waking any drainer: what a process leaves when it stops right after the insert.
    const stored = await insertEvents(db, Array.from({ length: 60 }, (_, i) => paymentEvent(i)));
    expect(stored).toHaveLength(60);
    const tried = await Promise.all([drainInbound(db), drainInbound(db)]);
    expect(tried[0]! + tried[1]!).toBe(60);
    const rows = await db.select({ status: inboundEvents.status, attempts: inboundEvents.attempts }).from(inboundEvents)
      .where(inArray(inboundEvents.id, stored.map((s) => s.id)));
    expect(rows.every((r) => r.status === "processed" && r.attempts === 1)).toBe(true);
    const [paid] = await db.select({ count: sql<number>`count(*)::int` }).from(payments).where(eq(payments.invoiceId, invoiceId));
    expect(paid!.count).toBe(60);
    expect(await drainInbound(db)).toBe(0);
  }, 60_000);

  it("leaves an event alone until its lease or backoff ends", async () => {
    const [held] = await insertEvents(db, [paymentEvent(100)]);
    await db.update(inboundEvents).set({ nextAttemptAt: sql`now() + interval '1 minute'` }).where(eq(inboundEvents.id, held!.id));
    expect(await drainInbound(db)).toBe(0);
    await db.update(inboundEvents).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(inboundEvents.id, held!.id));
    expect(await drainInbound(db)).toBe(1);
    const [row] = await db.select({ status: inboundEvents.status }).from(inboundEvents).where(eq(inboundEvents.id, held!.id));
    expect(row!.status).toBe("processed");
    const [inv] = await db.select({ amountPaid: invoices.amountPaid }).from(invoices).where(eq(invoices.id, invoiceId));
    expect(inv!.amountPaid).toBe(61);
  }, 60_000);
});
