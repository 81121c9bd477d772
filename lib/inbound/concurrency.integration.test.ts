// 1,000 concurrent deliveries, 10% of them duplicates, through the real receiver: exactly the
// unique events are stored, and each is applied exactly once. Every event is a one-unit payment
// on one of 100 invoices of 9 units, so an event applied twice would overpay (and fail) or leave
// an invoice's amount paid wrong. Meant for Postgres (DATABASE_URL set: real concurrent
// connections); on PGlite it still runs, serialised.
import { eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEvents, invoices, payments } from "@/drizzle/schema";
import { POST as receive } from "@/app/api/webhooks/[provider]/route";
import { jobContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice } from "@/lib/db/queries/invoices";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import type { LocalJobs } from "@/lib/jobs";
import { routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { environmentSecret } from "./secrets";

const INVOICES = 100;
const PER_INVOICE = 9;
const UNIQUE = INVOICES * PER_INVOICE; // 900
const DUPLICATES = 100; // 1,000 deliveries, 10% duplicates

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let jobs: LocalJobs | undefined;
let org: string;
let invoiceIds: string[] = [];

beforeAll(async () => {
  delete process.env.HUB_PROVIDERS;
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  org = (await createTenant(db, "Busy Ltd")).organisationId;
  const ctx = jobContext(org, "test");
  await insertConnections(db, ctx, [{ provider: "stripe", authMode: "api_key", status: "connected", externalAccountId: "acct_busy" }]);
  const customer = await createCustomer(db, ctx, { name: "Many Payments" });
  invoiceIds = [];
  for (let i = 0; i < INVOICES; i++) {
    const inv = await createInvoice(db, ctx, { customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: `Unit ${i}`, quantity: PER_INVOICE, unitPrice: 1 }] });
    invoiceIds.push(inv.id);
  }
}, 120_000);

afterAll(async () => {
  await jobs?.stop();
  restore();
  await close();
});

describe("concurrent deliveries", () => {
  it("store exactly the unique events and apply each once", async () => {
    const stripe = new Stripe("sk_test_unused");
    const secret = environmentSecret("stripe")!;
    const bodies = invoiceIds.flatMap((invoiceId, i) => Array.from({ length: PER_INVOICE }, (_, j) => JSON.stringify({
      id: `evt_busy_${i}_${j}`, object: "event", type: "payment_intent.succeeded", created: Math.floor(Date.now() / 1000),
      data: { object: { id: `pi_busy_${i}_${j}`, object: "payment_intent", amount: 1, amount_received: 1, currency: "usd", metadata: { invoice_id: invoiceId } } },
    })));
    // Every 9th event is delivered twice, the copies interleaved with the rest.
    const deliveries = [...bodies, ...bodies.filter((_, k) => k % PER_INVOICE === 0)];
    expect(deliveries).toHaveLength(UNIQUE + DUPLICATES);
    const answers = await Promise.all(deliveries.map(async (body) => {
      const req = new Request("http://hub.test/api/webhooks/stripe", {
        method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: body, secret }) },
      });
      const res = await receive(req, routeContext({ provider: "stripe" }));
      return { status: res.status, json: (await res.json()) as { duplicate?: boolean } };
    }));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(answers.filter((a) => a.json.duplicate).length).toBe(DUPLICATES);
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(inboundEvents)) as [{ n: number }];
    expect(n).toBe(UNIQUE);

    jobs = await startTestJobs(db, { localConcurrency: 8 });
    await waitFor(async () => {
      const [{ open }] = (await db.select({ open: sql<number>`count(*) filter (where status <> 'processed')::int` }).from(inboundEvents)) as [{ open: number }];
      return open === 0;
    }, { timeoutMs: 240_000, everyMs: 500 });
    const rows = await db.select({ attempts: inboundEvents.attempts }).from(inboundEvents);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    const [{ count, total }] = (await db.select({ count: sql<number>`count(*)::int`, total: sql<number>`sum(amount)::int` }).from(payments)) as [{ count: number; total: number }];
    expect({ count, total }).toEqual({ count: UNIQUE, total: UNIQUE });
    const paid = await db.select({ status: invoices.status, amountPaid: invoices.amountPaid }).from(invoices).where(eq(invoices.organisationId, org));
    expect(paid).toHaveLength(INVOICES);
    expect(paid.every((p) => p.status === "paid" && p.amountPaid === PER_INVOICE)).toBe(true);
  }, 300_000);
});
