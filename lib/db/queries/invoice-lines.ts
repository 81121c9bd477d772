import { asc, eq, sql } from "drizzle-orm";
import { invoiceCounters, invoiceLines, invoices, taxRates } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { formatInvoiceNumber } from "@/lib/accounting/numbering";
import type { invoiceLineSchema } from "@/lib/accounting/schemas";
import { LIMITS } from "@/lib/accounting/limits";
import { fieldMessage } from "@/lib/accounting/messages";
import { computeTotals, computeTotalsExact, type InvoiceTotals } from "@/lib/accounting/totals";
import { ZodError, type z } from "zod";
import { ownedProductIds } from "./products";
import { taxRatesById } from "./tax-rates";

type ParsedLine = z.output<typeof invoiceLineSchema>;
type LineRow = typeof invoiceLines.$inferInsert;

/**
 * Resolves the lines' tax rates and products within the caller's organisation and computes
 * every amount. A rate or product id of another organisation is refused like a missing one.
 */
export async function priceLines(
  db: DbOrTx, ctx: QueryScope, lines: ParsedLine[],
): Promise<{ totals: InvoiceTotals; rows: Omit<LineRow, "invoiceId">[] }> {
  const rateIds = [...new Set(lines.map((l) => l.taxRateId).filter((v): v is string => !!v))];
  const productIds = [...new Set(lines.map((l) => l.productId).filter((v): v is string => !!v))];
  const [rates, owned] = await Promise.all([
    taxRatesById(db, ctx, rateIds),
    ownedProductIds(db, ctx, productIds),
  ]);
  lines.forEach((l, i) => {
    if (l.taxRateId && !rates.has(l.taxRateId)) {
      throw new AccountingRuleError("invalid_reference", "Choose one of your tax rates.", `lines.${i}.taxRateId`);
    }
    if (l.productId && !owned.has(l.productId)) {
      throw new AccountingRuleError("invalid_reference", "Choose one of your products.", `lines.${i}.productId`);
    }
  });
  const priced = lines.map((l) => ({ ...l, taxRateBps: l.taxRateId ? rates.get(l.taxRateId)!.rateBps : 0 }));
  // The schema checked the amounts before tax; with tax the total must still stay exact.
  if (computeTotalsExact(priced).total > BigInt(LIMITS.amountMaxMinor)) {
    throw new ZodError([{
      code: "custom", path: ["lines"], input: undefined,
      message: fieldMessage.atMost("Invoice total", `${LIMITS.amountMaxMinor.toLocaleString("en-US")} minor units`),
    }]);
  }
  const { lines: amounts, ...totals } = computeTotals(priced);
  const rows = lines.map((l, i) => ({
    organisationId: ctx.organisationId,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    taxRateId: l.taxRateId ?? null,
    productId: l.productId ?? null,
    amount: amounts[i]!.amount,
    taxAmount: amounts[i]!.taxAmount,
    position: i,
  }));
  return { totals, rows };
}

/** Inserts all lines of an invoice in one statement. */
export async function insertLines(db: DbOrTx, invoiceId: string, rows: Omit<LineRow, "invoiceId">[]) {
  if (rows.length === 0) return;
  await db.insert(invoiceLines).values(rows.map((r) => ({ ...r, invoiceId })));
}

/** The lines of an invoice with their tax rate's name and rate, in order. */
export async function linesOf(db: DbOrTx, ctx: QueryScope, invoiceId: string) {
  return db
    .select({
      id: invoiceLines.id,
      description: invoiceLines.description,
      quantity: invoiceLines.quantity,
      unitPrice: invoiceLines.unitPrice,
      amount: invoiceLines.amount,
      taxAmount: invoiceLines.taxAmount,
      taxRateId: invoiceLines.taxRateId,
      taxRateName: taxRates.name,
      taxRateBps: taxRates.rateBps,
      productId: invoiceLines.productId,
      position: invoiceLines.position,
    })
    .from(invoiceLines)
    .leftJoin(taxRates, eq(taxRates.id, invoiceLines.taxRateId))
    .where(scoped(invoiceLines, ctx, eq(invoiceLines.invoiceId, invoiceId)))
    .orderBy(asc(invoiceLines.position));
}

/**
 * The next number of the organisation, from its row in `invoice_counters`: one UPDATE … SET
 * last_number = last_number + 1 RETURNING in the creating transaction. The row lock it takes
 * holds concurrent creators of the same organisation until this transaction ends, and a
 * rollback returns the number, so numbers are unique and gap-free; nothing scans invoices.
 * An organisation without a counter row (new, or invoices from before counters) gets one
 * seeded from its highest INV- number, once. Must run inside the transaction that inserts.
 */
export async function nextInvoiceNumber(tx: DbOrTx, ctx: QueryScope): Promise<string> {
  const bump = { lastNumber: sql`${invoiceCounters.lastNumber} + 1` };
  const [row] = await tx
    .update(invoiceCounters)
    .set(bump)
    .where(eq(invoiceCounters.organisationId, ctx.organisationId))
    .returning({ n: invoiceCounters.lastNumber });
  if (row) return formatInvoiceNumber(row.n);
  const highest = tx
    .select({ max: sql`coalesce(max(substring(${invoices.number} from '^INV-([0-9]+)$')::bigint), 0) + 1` })
    .from(invoices)
    .where(scoped(invoices, ctx));
  // ON CONFLICT: a concurrent first creator inserted the row meanwhile; then take the next one.
  const [seeded] = await tx
    .insert(invoiceCounters)
    .values({ organisationId: ctx.organisationId, lastNumber: sql`(${highest})` })
    .onConflictDoUpdate({ target: invoiceCounters.organisationId, set: bump })
    .returning({ n: invoiceCounters.lastNumber });
  return formatInvoiceNumber(seeded!.n);
}
