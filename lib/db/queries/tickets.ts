import { desc, eq } from "drizzle-orm";
import { tickets } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { isCleanText } from "@/lib/accounting/fields";
import type { Page } from "@/lib/accounting/schemas";
import { emit } from "@/lib/events/emit";
import { ticketEvent } from "@/lib/events/work";
import { TICKET_MOVES, ticketCreateSchema, ticketStatusSchema, type TicketCreateInput, type TicketStatus } from "@/lib/work/schemas";
import { countWhere } from "./pagination";
import { ownCustomer, withCustomerNames, workListQuerySchema, type WorkListQuery } from "./work-items";

/** A ticket row. */
export type Ticket = typeof tickets.$inferSelect;
export type TicketListRow = Ticket & { customerName: string | null };

/** The organisation's tickets, newest first. */
export async function listTickets(db: DbOrTx, ctx: QueryScope, query: WorkListQuery = {}): Promise<Page<TicketListRow>> {
  const { limit, offset } = workListQuerySchema.parse(query);
  const where = scoped(tickets, ctx);
  const [rows, total] = await Promise.all([
    db.select().from(tickets).where(where).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(limit).offset(offset),
    countWhere(db, tickets, where),
  ]);
  return { rows: await withCustomerNames(db, ctx, rows), total, limit, offset };
}

/** Opens a ticket; emits ticket.created in the same transaction. */
export async function createTicket(db: DbOrTx, ctx: QueryScope, input: TicketCreateInput): Promise<Ticket> {
  const data = ticketCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const customer = await ownCustomer(tx, ctx, data.customerId);
    const [row] = await tx.insert(tickets).values({ ...data, customerId: customer?.id ?? null, organisationId: ctx.organisationId }).returning();
    await emit(tx, ticketEvent("ticket.created", row!));
    return row!;
  });
}

/**
 * Moves a ticket along open → in progress → resolved (open → resolved too); emits
 * ticket.resolved when it is resolved and ticket.updated otherwise.
 */
export async function moveTicket(db: DbOrTx, ctx: QueryScope, id: string, to: TicketStatus): Promise<Ticket> {
  const status = ticketStatusSchema.parse(to);
  if (!isCleanText(id)) throw new NotFoundError("Ticket not found");
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(tickets).where(scoped(tickets, ctx, eq(tickets.id, id))).for("update");
    if (!current) throw new NotFoundError("Ticket not found");
    if (!TICKET_MOVES[current.status as TicketStatus].includes(status)) {
      throw new AccountingRuleError("invalid_transition", `A ${label(current.status)} ticket cannot become ${label(status)}.`);
    }
    const [row] = await tx
      .update(tickets)
      .set({ status, resolvedAt: status === "resolved" ? new Date() : null })
      .where(scoped(tickets, ctx, eq(tickets.id, id)))
      .returning();
    await emit(tx, ticketEvent(status === "resolved" ? "ticket.resolved" : "ticket.updated", row!));
    return row!;
  });
}

const label = (status: string) => status.replace("_", " ");
