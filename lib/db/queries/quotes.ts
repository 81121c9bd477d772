import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { organisations, quotes, workCounters } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { isCleanText } from "@/lib/accounting/fields";
import type { Page } from "@/lib/accounting/schemas";
import { emitBatched } from "@/lib/events/batch";
import { emit } from "@/lib/events/emit";
import { quoteEvent } from "@/lib/events/work";
import {
  OPEN_QUOTE_STATUSES, quoteCreateSchema, quoteDecisionSchema, type QuoteCreateInput, type QuoteDecision,
} from "@/lib/work/schemas";
import { countWhere } from "./pagination";
import { ownCustomer, withCustomerNames, workListQuerySchema, type WorkListQuery } from "./work-items";

/** A quote row (total in minor units). */
export type Quote = typeof quotes.$inferSelect;
export type QuoteListRow = Quote & { customerName: string | null };

/** The organisation's quotes, newest first. */
export async function listQuotes(db: DbOrTx, ctx: QueryScope, query: WorkListQuery = {}): Promise<Page<QuoteListRow>> {
  const { limit, offset } = workListQuerySchema.parse(query);
  const where = scoped(quotes, ctx);
  const [rows, total] = await Promise.all([
    db.select().from(quotes).where(where).orderBy(desc(quotes.createdAt), desc(quotes.id)).limit(limit).offset(offset),
    countWhere(db, quotes, where),
  ]);
  return { rows: await withCustomerNames(db, ctx, rows), total, limit, offset };
}

/** The next quote number of the organisation (Q-0001, …), taken in the creating transaction. */
async function nextQuoteNumber(tx: DbOrTx, ctx: QueryScope): Promise<string> {
  // One upsert: the row lock also serialises concurrent creators of one organisation.
  const [row] = await tx
    .insert(workCounters)
    .values({ organisationId: ctx.organisationId, kind: "quote", lastNumber: 1 })
    .onConflictDoUpdate({ target: [workCounters.organisationId, workCounters.kind], set: { lastNumber: sql`${workCounters.lastNumber} + 1` } })
    .returning({ n: workCounters.lastNumber });
  return `Q-${String(row!.n).padStart(4, "0")}`;
}

/** Creates a quote for one of the organisation's customers (in its currency unless given); emits quote.created. */
export async function createQuote(db: DbOrTx, ctx: QueryScope, input: QuoteCreateInput): Promise<Quote> {
  const data = quoteCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const customer = (await ownCustomer(tx, ctx, data.customerId))!;
    const [row] = await tx
      .insert(quotes)
      .values({
        organisationId: ctx.organisationId,
        customerId: customer.id,
        number: await nextQuoteNumber(tx, ctx),
        status: data.send ? "sent" : "draft",
        total: data.total,
        currency: data.currency ?? customer.currency,
        validUntil: data.validUntil,
        notes: data.notes,
      })
      .returning();
    await emit(tx, quoteEvent("quote.created", row!));
    return row!;
  });
}

/** draft/sent → accepted | rejected | expired; emits quote.<status>. Decided quotes stay as they are. */
export async function decideQuote(db: DbOrTx, ctx: QueryScope, id: string, to: QuoteDecision): Promise<Quote> {
  const status = quoteDecisionSchema.parse(to);
  if (!isCleanText(id)) throw new NotFoundError("Quote not found");
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(quotes).where(scoped(quotes, ctx, eq(quotes.id, id))).for("update");
    if (!current) throw new NotFoundError("Quote not found");
    if (!(OPEN_QUOTE_STATUSES as readonly string[]).includes(current.status)) {
      throw new AccountingRuleError("invalid_transition", `Quote ${current.number} is already ${current.status}.`);
    }
    const [row] = await tx
      .update(quotes)
      .set({ status, decidedAt: new Date() })
      .where(scoped(quotes, ctx, eq(quotes.id, id)))
      .returning();
    await emit(tx, quoteEvent(`quote.${status}`, row!));
    return row!;
  });
}

/**
 * Expires every draft or sent quote whose valid-until date is before its organisation's today,
 * across all organisations, in one UPDATE, and emits quote.expired for each in the same
 * transaction. `asOf` pins one date for all (tests, manual runs). The scheduled job's query,
 * deliberately not tenant-scoped, like markOverdueInvoices.
 */
export async function expireQuotes(db: DbOrTx, asOf?: string, now: Date = new Date()): Promise<Quote[]> {
  const cutoff = asOf ?? sql`(select (timezone(${organisations.timeZone}, ${now.toISOString()}::timestamptz))::date from ${organisations} where ${organisations.id} = ${quotes.organisationId})`;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(quotes)
      .set({ status: "expired", decidedAt: now })
      .where(and(inArray(quotes.status, [...OPEN_QUOTE_STATUSES]), lt(quotes.validUntil, cutoff)))
      .returning();
    await emitBatched(tx, rows.map((q) => quoteEvent("quote.expired", q)));
    return rows;
  });
}

/** The currency a new quote for `customerId` is typed in: the customer's, USD when none is chosen yet. */
export async function quoteCurrency(db: DbOrTx, ctx: QueryScope, customerId: string): Promise<string> {
  try {
    return (await ownCustomer(db, ctx, customerId))?.currency ?? "USD";
  } catch (err) {
    // Not one of the caller's customers: createQuote refuses it under customerId.
    if (err instanceof AccountingRuleError) return "USD";
    throw err;
  }
}
