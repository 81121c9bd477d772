// Processing of PayPal capture events as PayPal sends them for an order made with the app
// invoice's id (`custom_id`) and number (`invoice_id`): completed → payment, refunded → refund,
// denied → noted. The events are stored as the receiver stores verified deliveries (the sandbox's
// captures carry no custom_id, so sandbox-webhooks.integration.test.ts covers verification only).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEvents, invoices, payments } from "@/drizzle/schema";
import { jobContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice } from "@/lib/db/queries/invoices";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { processEvent } from "./process";

let db: Db;
let close: () => Promise<void>;
let org: string;
let connectionId: string;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  org = (await createTenant(db, "PayPal Ltd")).organisationId;
  const rows = await insertConnections(db, jobContext(org, "test"), [{ provider: "paypal", authMode: "api_key", status: "connected", externalAccountId: "app-1" }]);
  connectionId = rows[0]!.id;
});
afterAll(async () => close());

async function deliver(eventId: string, type: string, resource: Record<string, unknown>) {
  const body = JSON.stringify({ id: eventId, event_type: type, create_time: new Date().toISOString(), resource });
  const [row] = await db.insert(inboundEvents).values({
    organisationId: org, connectionId, provider: "paypal", eventId, type, body, headers: { "content-type": "application/json" },
  }).returning();
  const outcome = await processEvent(db, { id: row!.id, organisationId: org });
  const [after] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, row!.id));
  return { outcome, row: after! };
}

describe("PayPal capture events", () => {
  it("record the payment and refund against the app invoice, once each, and note a denial", async () => {
    const ctx = jobContext(org, "test");
    const customer = await createCustomer(db, ctx, { name: "PayPal Buyer" });
    const invoice = await createInvoice(db, ctx, { customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 1050 }] });
    const capture = { id: "3CAP0001", status: "COMPLETED", amount: { currency_code: "USD", value: "10.50" }, custom_id: invoice.id, invoice_id: invoice.number };

    const paid = await deliver("WH-1", "PAYMENT.CAPTURE.COMPLETED", capture);
    expect(paid).toMatchObject({ outcome: "processed", row: { status: "processed", attempts: 1, result: { invoiceId: invoice.id, duplicate: false, invoiceStatus: "paid" } } });
    // The same capture in another event (PayPal resends with a new id) is found, not paid twice.
    const again = await deliver("WH-2", "PAYMENT.CAPTURE.COMPLETED", capture);
    expect(again.row.result).toMatchObject({ duplicate: true });

    const refund = await deliver("WH-3", "PAYMENT.CAPTURE.REFUNDED", { id: "1REF0001", status: "COMPLETED", amount: { currency_code: "USD", value: "4.00" }, custom_id: invoice.id });
    expect(refund.row).toMatchObject({ status: "processed", result: { duplicate: false, invoiceStatus: "sent" } });
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(inv).toMatchObject({ amountPaid: 650, status: "sent" });
    expect((await db.select().from(payments).where(eq(payments.invoiceId, invoice.id))).map((p) => p.amount).sort((a, b) => a - b)).toEqual([-400, 1050]);

    const denied = await deliver("WH-4", "PAYMENT.CAPTURE.DENIED", { id: "3CAP0002", status: "DENIED", amount: { currency_code: "USD", value: "6.50" }, invoice_id: invoice.number });
    expect(denied.row).toMatchObject({ status: "processed", result: { invoiceId: invoice.id, paymentFailed: "DENIED" } });

    const other = await deliver("WH-5", "PAYMENT.CAPTURE.COMPLETED", { ...capture, id: "3CAP0003", custom_id: "nope", invoice_id: "nope" });
    expect(other.row).toMatchObject({ status: "ignored", ignoredReason: expect.stringMatching(/custom_id or invoice_id/) });
    // A payment in another currency than the invoice's is an error to look at (retried, then failed), never booked.
    await expect(deliver("WH-6", "PAYMENT.CAPTURE.COMPLETED", { ...capture, id: "3CAP0004", amount: { currency_code: "EUR", value: "1.00" } })).rejects.toThrow(/EUR; the invoice is in USD/);
  });
});
