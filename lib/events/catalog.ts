import { z } from "zod";

// The `data` of each event's Standard Webhooks payload (`{ type, timestamp, data }`). Amounts are
// in minor units (cents) of `currency`; ids are the hub's own record ids.
const isoDate = z.iso.date();

const customerPayload = z.object({ customerId: z.string(), name: z.string() });
const invoicePayload = z.object({
  invoiceId: z.string(),
  number: z.string(),
  customerId: z.string(),
  status: z.enum(["draft", "sent", "paid", "overdue", "void"]),
  /** Minor units. */
  total: z.number().int(),
  amountPaid: z.number().int(),
  currency: z.string(),
});
const paymentPayload = z.object({
  paymentId: z.string(),
  invoiceId: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string(),
});
/** A payment that did not stand: its amount is taken off the invoice again. */
const paymentReversalPayload = paymentPayload.extend({ reason: z.string().nullable() });
const projectPayload = z.object({
  projectId: z.string(),
  name: z.string(),
  customerId: z.string().nullable(),
  status: z.enum(["active", "completed"]),
});
const ticketPayload = z.object({
  ticketId: z.string(),
  subject: z.string(),
  customerId: z.string().nullable(),
  status: z.enum(["open", "in_progress", "resolved"]),
});
const quotePayload = z.object({
  quoteId: z.string(),
  number: z.string(),
  customerId: z.string(),
  status: z.enum(["draft", "sent", "accepted", "rejected", "expired"]),
  /** Minor units. */
  total: z.number().int(),
  currency: z.string(),
  validUntil: isoDate,
});

const ids = {
  customer: "6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b",
  invoice: "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b",
  payment: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
  project: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  ticket: "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b",
  quote: "7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a",
};
const customerSample = { customerId: ids.customer, name: "Acme Ltd" };
const invoiceSample = (status: z.input<typeof invoicePayload>["status"], amountPaid = 0) => ({
  invoiceId: ids.invoice, number: "INV-0042", customerId: ids.customer, status, total: 125000, amountPaid, currency: "USD",
});
const paymentSample = { paymentId: ids.payment, invoiceId: ids.invoice, amount: 125000, currency: "USD" };
const projectSample = (status: "active" | "completed") => ({ projectId: ids.project, name: "Website relaunch", customerId: ids.customer, status });
const ticketSample = (status: "open" | "in_progress" | "resolved") => ({ ticketId: ids.ticket, subject: "Invoice PDF shows the wrong address", customerId: ids.customer, status });
const quoteSample = (status: z.input<typeof quotePayload>["status"]) => ({
  quoteId: ids.quote, number: "Q-0007", customerId: ids.customer, status, total: 480000, currency: "USD", validUntil: "2026-12-31",
});

interface CatalogEntry {
  /** The aggregate events of this type are ordered on (the relay keeps order per aggregate). */
  aggregate: string;
  /** What happened, in one sentence, for the Event catalog page and subscribers. */
  description: string;
  /** zod schema of the payload (`data`). */
  payload: z.ZodType;
  /** A payload that parses against `payload`: the catalog page's example and a test event's body. */
  sample: unknown;
}

/**
 * The domain events the hub emits, by name: each with the zod schema of its payload, a
 * description and a sample. emit() refuses names and payloads not in it.
 */
export const eventCatalog = {
  "invoice.created": { aggregate: "invoice", payload: invoicePayload, description: "An invoice was created (as a draft, or already sent).", sample: invoiceSample("draft") },
  "invoice.updated": { aggregate: "invoice", payload: invoicePayload, description: "An invoice's customer, dates, lines or notes changed.", sample: invoiceSample("draft") },
  "invoice.sent": { aggregate: "invoice", payload: invoicePayload, description: "An invoice was marked as sent to its customer.", sample: invoiceSample("sent") },
  "invoice.paid": { aggregate: "invoice", payload: invoicePayload, description: "Payments recorded against an invoice reached its total.", sample: invoiceSample("paid", 125000) },
  "invoice.overdue": { aggregate: "invoice", payload: invoicePayload, description: "A sent invoice passed its due date unpaid (the scheduled overdue check).", sample: invoiceSample("overdue") },
  "invoice.cancelled": { aggregate: "invoice", payload: invoicePayload, description: "An invoice was voided.", sample: invoiceSample("void") },
  "payment.received": { aggregate: "invoice", payload: paymentPayload, description: "A payment was recorded against an invoice.", sample: paymentSample },
  "payment.failed": { aggregate: "invoice", payload: paymentReversalPayload, description: "A recorded payment failed (bounced or was returned); its amount is owed again.", sample: { ...paymentSample, reason: "Bank transfer returned: account closed" } },
  "payment.refunded": { aggregate: "invoice", payload: paymentReversalPayload, description: "A recorded payment was refunded to the customer; its amount is owed again.", sample: { ...paymentSample, reason: "Duplicate payment" } },
  "customer.created": { aggregate: "customer", payload: customerPayload, description: "A customer was added.", sample: customerSample },
  "customer.updated": { aggregate: "customer", payload: customerPayload, description: "A customer's details changed.", sample: customerSample },
  "customer.deleted": { aggregate: "customer", payload: customerPayload, description: "A customer without invoices, payments or quotes was deleted.", sample: customerSample },
  "project.created": { aggregate: "project", payload: projectPayload, description: "A project was created.", sample: projectSample("active") },
  "project.updated": { aggregate: "project", payload: projectPayload, description: "A project's name or customer changed.", sample: projectSample("active") },
  "project.completed": { aggregate: "project", payload: projectPayload, description: "An active project was marked as completed.", sample: projectSample("completed") },
  "ticket.created": { aggregate: "ticket", payload: ticketPayload, description: "A support ticket was opened.", sample: ticketSample("open") },
  "ticket.updated": { aggregate: "ticket", payload: ticketPayload, description: "A ticket changed status before it was resolved (open → in progress).", sample: ticketSample("in_progress") },
  "ticket.resolved": { aggregate: "ticket", payload: ticketPayload, description: "A ticket was resolved.", sample: ticketSample("resolved") },
  "quote.created": { aggregate: "quote", payload: quotePayload, description: "A quote was created (as a draft, or already sent).", sample: quoteSample("draft") },
  "quote.accepted": { aggregate: "quote", payload: quotePayload, description: "The customer accepted a quote.", sample: quoteSample("accepted") },
  "quote.rejected": { aggregate: "quote", payload: quotePayload, description: "The customer rejected a quote.", sample: quoteSample("rejected") },
  "quote.expired": { aggregate: "quote", payload: quotePayload, description: "A draft or sent quote passed its valid-until date, or was marked expired.", sample: quoteSample("expired") },
} as const satisfies Record<string, CatalogEntry>;

/** A catalogued event name. */
export type EventType = keyof typeof eventCatalog;
/** The payload of event `T`. */
export type EventPayload<T extends EventType> = z.output<(typeof eventCatalog)[T]["payload"]>;

export const eventTypes = Object.keys(eventCatalog) as EventType[];

/** The resource an event type is about: the part before the dot ("invoice" of "invoice.paid"). */
export const resourceOf = (type: EventType) => type.slice(0, type.indexOf("."));

/** The catalog grouped by resource, in catalog order: what the Event catalog page lists. */
export function eventTypesByResource(): { resource: string; types: EventType[] }[] {
  const groups = new Map<string, EventType[]>();
  for (const type of eventTypes) {
    const resource = resourceOf(type);
    groups.set(resource, [...(groups.get(resource) ?? []), type]);
  }
  return [...groups].map(([resource, types]) => ({ resource, types }));
}

/** JSON Schema of an event type's payload (`data`), from its zod schema. */
export function eventPayloadJsonSchema(type: EventType): Record<string, unknown> {
  return z.toJSONSchema(eventCatalog[type].payload, { io: "output", unrepresentable: "throw" }) as Record<string, unknown>;
}

/** A Standard Webhooks payload of `type` carrying its catalog sample (timestamp fixed for display). */
export function sampleWebhookPayload(type: EventType, timestamp = "2026-01-15T09:30:00.000Z") {
  return { type, timestamp, data: eventCatalog[type].sample };
}

/** True when `value` is a catalogued event name. */
export const isEventType = (value: string): value is EventType => Object.hasOwn(eventCatalog, value);

/** An event as consumers receive it (the outbox row, parsed). */
export interface DomainEvent<T extends EventType = EventType> {
  /** Unique per event: consumers dedupe on it. */
  id: string;
  type: T;
  aggregateType: string;
  aggregateId: string;
  organisationId: string;
  payload: EventPayload<T>;
  createdAt: Date;
}
