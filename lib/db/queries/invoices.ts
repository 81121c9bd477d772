import { and, desc, eq, ilike, inArray, lt, or, sql } from "drizzle-orm";
import { customers, invoiceLines, invoices, organisations } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { todayIn } from "@/lib/accounting/dates";
import { isCleanText } from "@/lib/accounting/fields";
import { AccountingRuleError } from "@/lib/accounting/errors";
import {
  invoiceCreateSchema, invoiceListQuerySchema, invoiceUpdateSchema,
  type InvoiceCreateInput, type InvoiceListQuery, type InvoiceUpdateInput, type Page,
} from "@/lib/accounting/schemas";
import { assertTransition, assertVoidable, linesEditable, type InvoiceStatus } from "@/lib/accounting/status";
import { invoiceEvent } from "@/lib/events/accounting";
import { emitBatched } from "@/lib/events/batch";
import { emit, emitAll } from "@/lib/events/emit";
import { getCustomer } from "./customers";
import { insertLines, linesOf, nextInvoiceNumber, priceLines } from "./invoice-lines";
import { organisationTimeZone } from "./organisations";
import { likePattern } from "./pagination";
import { paymentsOfInvoice } from "./payments";

/** An invoice row (totals in minor units). */
export type Invoice = typeof invoices.$inferSelect;
/** An invoice row with its customer's name, as lists show it. */
export type InvoiceListRow = Invoice & { customerName: string };
/** An invoice with everything its page shows. */
export type InvoiceDetail = InvoiceListRow & {
  lines: Awaited<ReturnType<typeof linesOf>>;
  payments: Awaited<ReturnType<typeof paymentsOfInvoice>>;
};

/**
 * Today's date in UTC as YYYY-MM-DD. Screens and rules use the organisation's today instead
 * (`todayIn(timeZone)` from lib/accounting/dates); this stays for callers without a tenant.
 */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** Invoices of the organisation, newest first, filtered by status/customer, searched by number or customer name. */
export async function listInvoices(
  db: DbOrTx, ctx: QueryScope, query: InvoiceListQuery = {},
): Promise<Page<InvoiceListRow>> {
  const { q, status, customerId, limit, offset } = invoiceListQuerySchema.parse(query);
  const where = scoped(
    invoices,
    ctx,
    status ? eq(invoices.status, status) : undefined,
    customerId ? eq(invoices.customerId, customerId) : undefined,
    q ? or(ilike(invoices.number, likePattern(q)), ilike(customers.name, likePattern(q))) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({ invoice: invoices, customerName: customers.name })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(where)
      .orderBy(desc(invoices.issueDate), desc(invoices.number))
      .limit(limit)
      .offset(offset),
    // The join is needed for the count too, because the search can match the customer's name.
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.invoice, customerName: r.customerName })), total: counted?.n ?? 0, limit, offset };
}

/** The invoice row alone, optionally locked for the rest of the transaction. */
async function invoiceRow(db: DbOrTx, ctx: QueryScope, id: string, lock = false): Promise<Invoice> {
  // An id with NUL or a lone surrogate cannot be sent to Postgres; it names no invoice.
  if (!isCleanText(id)) throw new NotFoundError("Invoice not found");
  const query = db.select().from(invoices).where(scoped(invoices, ctx, eq(invoices.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("Invoice not found");
  return row;
}

/** The currency an invoice is billed in (its amounts are typed and shown in it). */
export async function invoiceCurrency(db: DbOrTx, ctx: QueryScope, id: string): Promise<string> {
  return (await invoiceRow(db, ctx, id)).currency;
}

/** One invoice with customer name, lines and payments; NotFoundError for other organisations. */
export async function getInvoice(db: DbOrTx, ctx: QueryScope, id: string): Promise<InvoiceDetail> {
  const invoice = await invoiceRow(db, ctx, id);
  const [customer, lines, payments] = await Promise.all([
    getCustomer(db, ctx, invoice.customerId),
    linesOf(db, ctx, id),
    paymentsOfInvoice(db, ctx, id),
  ]);
  return { ...invoice, customerName: customer.name, lines, payments };
}

/**
 * Creates an invoice with its lines in one transaction: number, totals, lines. The customer,
 * tax rates and products must belong to the caller's organisation.
 */
export async function createInvoice(db: DbOrTx, ctx: QueryScope, input: InvoiceCreateInput): Promise<Invoice> {
  const data = invoiceCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const customer = await getCustomer(tx, ctx, data.customerId);
    const { totals, rows } = await priceLines(tx, ctx, data.lines);
    const number = await nextInvoiceNumber(tx, ctx);
    const [invoice] = await tx
      .insert(invoices)
      .values({
        organisationId: ctx.organisationId,
        customerId: customer.id,
        number,
        status: data.send ? "sent" : "draft",
        currency: data.currency ?? customer.currency,
        issueDate: data.issueDate,
        dueDate: data.dueDate,
        notes: data.notes,
        ...totals,
      })
      .returning();
    await insertLines(tx, invoice!.id, rows);
    await emitAll(tx, [invoiceEvent("invoice.created", invoice!), ...(data.send ? [invoiceEvent("invoice.sent", invoice!)] : [])]);
    return invoice!;
  });
}

/**
 * Changes an invoice. Customer, currency, issue date and lines change only on drafts (the
 * document has been sent otherwise); due date and notes can change until it is paid or void.
 * Moving an overdue invoice's due date to today or later makes it `sent` again.
 */
export async function updateInvoice(db: DbOrTx, ctx: QueryScope, id: string, input: InvoiceUpdateInput): Promise<Invoice> {
  const data = invoiceUpdateSchema.parse(input);
  return db.transaction(async (tx) => {
    const current = await invoiceRow(tx, ctx, id, true);
    const touchesDocument = ["customerId", "currency", "issueDate", "lines"].some(
      (k) => data[k as keyof typeof data] !== undefined,
    );
    if (touchesDocument && !linesEditable(current.status)) {
      throw new AccountingRuleError("invoice_locked", `Only drafts can change customer, dates or lines; this invoice is ${current.status}.`);
    }
    if ((current.status === "paid" || current.status === "void") && data.dueDate !== undefined) {
      throw new AccountingRuleError("invoice_locked", `A ${current.status} invoice's due date cannot change.`, "dueDate");
    }
    const issueDate = data.issueDate ?? current.issueDate;
    const dueDate = data.dueDate ?? current.dueDate;
    if (dueDate < issueDate) {
      throw new AccountingRuleError("invalid_transition", "The due date cannot be before the issue date.", "dueDate");
    }
    const patch: Partial<typeof invoices.$inferInsert> = { issueDate, dueDate };
    if (data.customerId !== undefined) patch.customerId = (await getCustomer(tx, ctx, data.customerId)).id;
    if (data.currency !== undefined) patch.currency = data.currency;
    if (data.notes !== undefined) patch.notes = data.notes;
    if (data.lines !== undefined) {
      const { totals, rows } = await priceLines(tx, ctx, data.lines);
      await tx.delete(invoiceLines).where(scoped(invoiceLines, ctx, eq(invoiceLines.invoiceId, id)));
      await insertLines(tx, id, rows);
      Object.assign(patch, totals);
    }
    if (current.status === "overdue" && dueDate >= todayIn(await organisationTimeZone(tx, ctx))) patch.status = "sent";
    const [row] = await tx.update(invoices).set(patch).where(scoped(invoices, ctx, eq(invoices.id, id))).returning();
    await emit(tx, invoiceEvent("invoice.updated", row!));
    return row!;
  });
}

async function transition(db: DbOrTx, ctx: QueryScope, id: string, check: (inv: Invoice) => void, to: "sent" | "void") {
  return db.transaction(async (tx) => {
    const current = await invoiceRow(tx, ctx, id, true);
    check(current);
    const [row] = await tx.update(invoices).set({ status: to }).where(scoped(invoices, ctx, eq(invoices.id, id))).returning();
    await emit(tx, invoiceEvent(to === "sent" ? "invoice.sent" : "invoice.cancelled", row!));
    return row!;
  });
}

/** draft → sent. */
export function markInvoiceSent(db: DbOrTx, ctx: QueryScope, id: string): Promise<Invoice> {
  return transition(db, ctx, id, (inv) => {
    // overdue → sent is a valid move (due date extended) but not a "mark as sent" action.
    if (inv.status !== "draft") {
      throw new AccountingRuleError("invalid_transition", `Only a draft can be marked as sent; this invoice is ${inv.status}.`);
    }
    assertTransition(inv.status, "sent");
  }, "sent");
}

/** draft/sent/overdue → void, refused once a payment has been recorded. */
export function voidInvoice(db: DbOrTx, ctx: QueryScope, id: string): Promise<Invoice> {
  return transition(db, ctx, id, assertVoidable, "void");
}

/**
 * Marks every sent invoice due before its organisation's today as overdue, across all
 * organisations, in one UPDATE; each organisation's today is taken at `now` in its own time
 * zone. `asOf` pins one date for all (tests, manual runs). This is the system job's query,
 * deliberately not tenant-scoped: it reads no tenant data out and applies the same rule to
 * every organisation. Emits invoice.overdue for each marked invoice in the same transaction.
 */
export async function markOverdueInvoices(
  db: DbOrTx, asOf?: string, now: Date = new Date(),
): Promise<{ id: string; organisationId: string }[]> {
  const cutoff = asOf ?? sql`(select (timezone(${organisations.timeZone}, ${now.toISOString()}::timestamptz))::date from ${organisations} where ${organisations.id} = ${invoices.organisationId})`;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(invoices)
      .set({ status: "overdue" })
      .where(and(eq(invoices.status, "sent"), lt(invoices.dueDate, cutoff)))
      .returning();
    // invoice.overdue for each, committed with the change.
    await emitBatched(tx, rows.map((i) => invoiceEvent("invoice.overdue", i)));
    return rows.map((i) => ({ id: i.id, organisationId: i.organisationId }));
  });
}

/** Counts of the organisation's invoices per status (dashboard cards, list filters). */
export async function invoiceStatusCounts(db: DbOrTx, ctx: QueryScope, statuses?: InvoiceStatus[]) {
  const rows = await db
    .select({ status: invoices.status, n: sql<number>`count(*)`.mapWith(Number), total: sql<number>`coalesce(sum(${invoices.total} - ${invoices.amountPaid}), 0)`.mapWith(Number) })
    .from(invoices)
    .where(scoped(invoices, ctx, statuses ? inArray(invoices.status, statuses) : undefined))
    .groupBy(invoices.status);
  return rows;
}

