/**
 * Invoice arithmetic on minor units. Totals are always derived from the lines, never typed in,
 * so the stored subtotal/tax/total can be recomputed and checked at any time.
 */

/** What a line needs for its arithmetic. */
export interface LineInput {
  quantity: number;
  /** Unit price in minor units. */
  unitPrice: number;
  /** Tax rate in basis points (1000 = 10%); absent or 0 for untaxed lines. */
  taxRateBps?: number | null;
}

/** A line's computed amounts in minor units. */
export interface LineAmounts {
  /** quantity × unit price, rounded to the minor unit. */
  amount: number;
  taxAmount: number;
}

/** An invoice's computed totals in minor units. */
export interface InvoiceTotals {
  subtotal: number;
  taxTotal: number;
  total: number;
}

/**
 * Rounds half away from zero. Math.round rounds -2.5 to -2; accounting rounds credits and debits
 * symmetrically. The small epsilon absorbs binary noise such as 1.005 * 100 = 100.49999….
 */
export function roundHalfAwayFromZero(value: number): number {
  const sign = value < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(value) + 1e-9);
}

/** Amount and tax of one line; tax is rounded per line (as Xero and QuickBooks do by default). */
export function computeLine(line: LineInput): LineAmounts {
  const amount = roundHalfAwayFromZero(line.quantity * line.unitPrice);
  const taxAmount = line.taxRateBps ? roundHalfAwayFromZero((amount * line.taxRateBps) / 10_000) : 0;
  return { amount, taxAmount };
}

/** Subtotal, tax and total of a set of lines. */
export function computeTotals(lines: LineInput[]): InvoiceTotals & { lines: LineAmounts[] } {
  const computed = lines.map(computeLine);
  const subtotal = computed.reduce((sum, l) => sum + l.amount, 0);
  const taxTotal = computed.reduce((sum, l) => sum + l.taxAmount, 0);
  return { subtotal, taxTotal, total: subtotal + taxTotal, lines: computed };
}

/** What is still owed on an invoice (never negative). */
export function balanceDue(invoice: { total: number; amountPaid: number }): number {
  return Math.max(0, invoice.total - invoice.amountPaid);
}
