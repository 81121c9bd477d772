import { z } from "zod";

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

/**
 * The domain events the hub emits, by name, with the zod schema of each payload. The
 * Outbound-events issue extends this list; emit() refuses names and payloads not in it.
 */
export const eventCatalog = {
  "customer.created": { aggregate: "customer", payload: customerPayload },
  "customer.updated": { aggregate: "customer", payload: customerPayload },
  "invoice.created": { aggregate: "invoice", payload: invoicePayload },
  "invoice.updated": { aggregate: "invoice", payload: invoicePayload },
  "invoice.sent": { aggregate: "invoice", payload: invoicePayload },
  "invoice.paid": { aggregate: "invoice", payload: invoicePayload },
  "invoice.cancelled": { aggregate: "invoice", payload: invoicePayload },
  "payment.received": {
    aggregate: "invoice",
    payload: z.object({
      paymentId: z.string(),
      invoiceId: z.string().nullable(),
      amount: z.number().int(),
      currency: z.string(),
    }),
  },
} as const satisfies Record<string, { aggregate: string; payload: z.ZodType }>;

/** A catalogued event name. */
export type EventType = keyof typeof eventCatalog;
/** The payload of event `T`. */
export type EventPayload<T extends EventType> = z.output<(typeof eventCatalog)[T]["payload"]>;

export const eventTypes = Object.keys(eventCatalog) as EventType[];

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
