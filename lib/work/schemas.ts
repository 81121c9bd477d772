import { z } from "zod";
import { currencyField, isoDateField, minorField, optionalText, text } from "@/lib/accounting/fields";
import { fieldMessage as m } from "@/lib/accounting/messages";

/**
 * Input schemas and lifecycles of projects, tickets and quotes (lib/db/queries/{projects,
 * tickets,quotes}.ts). Every status change is one of the moves below and emits its event.
 */

export const PROJECT_STATUSES = ["active", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const TICKET_STATUSES = ["open", "in_progress", "resolved"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** open → in progress → resolved; an open ticket may be resolved straight away. */
export const TICKET_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ["in_progress", "resolved"],
  in_progress: ["resolved"],
  resolved: [],
};

export const QUOTE_STATUSES = ["draft", "sent", "accepted", "rejected", "expired"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
/** Statuses a quote is still open in: it can be accepted, rejected or expire. */
export const OPEN_QUOTE_STATUSES = ["draft", "sent"] as const satisfies readonly QuoteStatus[];
/** The customer's decision, or expiry: the end states a person can set. */
export const QUOTE_DECISIONS = ["accepted", "rejected", "expired"] as const satisfies readonly QuoteStatus[];
export type QuoteDecision = (typeof QUOTE_DECISIONS)[number];

/** A customer reference that may be left empty ("" or absent → none). */
const optionalCustomerId = z
  .string({ error: m.choose("Customer") })
  .max(100, m.choose("Customer"))
  .nullish()
  .transform((v) => (v ? v : null));

const projectFields = {
  name: text("Name", 200),
  description: optionalText("Description", 2000),
  customerId: optionalCustomerId,
};
export const projectCreateSchema = z.object(projectFields);
export type ProjectCreateInput = z.input<typeof projectCreateSchema>;
export const projectUpdateSchema = z.object(projectFields).partial();
export type ProjectUpdateInput = z.input<typeof projectUpdateSchema>;

export const ticketCreateSchema = z.object({
  subject: text("Subject", 200),
  description: optionalText("Description", 5000),
  customerId: optionalCustomerId,
});
export type TicketCreateInput = z.input<typeof ticketCreateSchema>;
export const ticketStatusSchema = z.enum(TICKET_STATUSES, { error: `Status must be one of ${TICKET_STATUSES.join(", ")}` });

export const quoteCreateSchema = z.object({
  customerId: z.string({ error: m.choose("Customer") }).min(1, m.choose("Customer")).max(100, m.choose("Customer")),
  /** Minor units; the currency is the customer's unless given. */
  total: minorField("Total").positive(m.greaterThanZero("Total")),
  currency: currencyField().optional(),
  validUntil: isoDateField("Valid until"),
  notes: optionalText("Notes", 2000),
  /** Create it as already sent to the customer instead of as a draft. */
  send: z.boolean().default(false),
});
export type QuoteCreateInput = z.input<typeof quoteCreateSchema>;
export const quoteDecisionSchema = z.enum(QUOTE_DECISIONS, { error: `Status must be one of ${QUOTE_DECISIONS.join(", ")}` });
