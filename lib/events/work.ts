import type { projects, quotes, tickets } from "@/drizzle/schema";
import type { QuoteStatus, ProjectStatus, TicketStatus } from "@/lib/work/schemas";
import type { EmitInput } from "./emit";

type ProjectEventType = "project.created" | "project.updated" | "project.completed";
type TicketEventType = "ticket.created" | "ticket.updated" | "ticket.resolved";
type QuoteEventType = "quote.created" | "quote.accepted" | "quote.rejected" | "quote.expired";

/** The outbox entry of a project change (lib/db/queries/projects.ts emits it in its transaction). */
export const projectEvent = (type: ProjectEventType, p: typeof projects.$inferSelect): EmitInput<ProjectEventType> => ({
  type, aggregateType: "project", aggregateId: p.id, organisationId: p.organisationId,
  payload: { projectId: p.id, name: p.name, customerId: p.customerId, status: p.status as ProjectStatus },
});

/** The outbox entry of a ticket change. */
export const ticketEvent = (type: TicketEventType, t: typeof tickets.$inferSelect): EmitInput<TicketEventType> => ({
  type, aggregateType: "ticket", aggregateId: t.id, organisationId: t.organisationId,
  payload: { ticketId: t.id, subject: t.subject, customerId: t.customerId, status: t.status as TicketStatus },
});

/** The outbox entry of a quote change. */
export const quoteEvent = (type: QuoteEventType, q: typeof quotes.$inferSelect): EmitInput<QuoteEventType> => ({
  type, aggregateType: "quote", aggregateId: q.id, organisationId: q.organisationId,
  payload: {
    quoteId: q.id, number: q.number, customerId: q.customerId, status: q.status as QuoteStatus,
    total: q.total, currency: q.currency, validUntil: q.validUntil,
  },
});
