import type { customers, invoices, payments } from "@/drizzle/schema";
import type { EmitInput } from "./emit";

type CustomerRow = typeof customers.$inferSelect;
type InvoiceRow = typeof invoices.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;

/** The outbox entry of a customer change (lib/db/queries/customers.ts emits it in its transaction). */
export const customerEvent = (type: "customer.created" | "customer.updated" | "customer.deleted", c: CustomerRow): EmitInput<typeof type> => ({
  type, aggregateType: "customer", aggregateId: c.id, organisationId: c.organisationId,
  payload: { customerId: c.id, name: c.name },
});

type InvoiceEventType = "invoice.created" | "invoice.updated" | "invoice.sent" | "invoice.paid" | "invoice.overdue" | "invoice.cancelled";

/** The outbox entry of an invoice change. */
export const invoiceEvent = (type: InvoiceEventType, i: InvoiceRow): EmitInput<InvoiceEventType> => ({
  type, aggregateType: "invoice", aggregateId: i.id, organisationId: i.organisationId,
  payload: {
    invoiceId: i.id, number: i.number, customerId: i.customerId, status: i.status,
    total: i.total, amountPaid: i.amountPaid, currency: i.currency,
  },
});

/**
 * The outbox entry of a recorded payment; on its invoice's aggregate (so it is ordered with
 * invoice.paid), or its own when it has no invoice.
 */
export const paymentEvent = (p: PaymentRow): EmitInput<"payment.received"> => ({
  type: "payment.received",
  aggregateType: p.invoiceId ? "invoice" : "payment",
  aggregateId: p.invoiceId ?? p.id,
  organisationId: p.organisationId,
  payload: { paymentId: p.id, invoiceId: p.invoiceId, amount: p.amount, currency: p.currency },
});

/**
 * The outbox entry of a payment that did not stand (payment.failed) or was given back
 * (payment.refunded); on its invoice's aggregate like payment.received.
 */
export const paymentReversalEvent = (type: "payment.failed" | "payment.refunded", p: PaymentRow): EmitInput<typeof type> => ({
  type,
  aggregateType: p.invoiceId ? "invoice" : "payment",
  aggregateId: p.invoiceId ?? p.id,
  organisationId: p.organisationId,
  payload: { paymentId: p.id, invoiceId: p.invoiceId, amount: p.amount, currency: p.currency, reason: p.reversalReason },
});
