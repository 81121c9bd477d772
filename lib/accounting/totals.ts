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

/** Half-away-from-zero division of bigints (numerator / denominator, denominator > 0). */
function divRound(numerator: bigint, denominator: bigint): bigint {
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator * sign;
  return sign * ((abs * 2n + denominator) / (denominator * 2n));
}

/** Quantity (at most 4 decimals) as an integer count of ten-thousandths. */
const scaledQuantity = (q: number) => BigInt(Math.round(q * 10_000));

/**
 * A line's amount and tax as exact bigints. quantity × unit price can pass 2^53 (1,000,000 ×
 * 9,999,999,999.99), where float multiplication silently loses digits; bigint never does, so
 * the limit check in the schemas sees the true amount.
 */
export function computeLineExact(line: LineInput): { amount: bigint; taxAmount: bigint } {
  const amount = divRound(scaledQuantity(line.quantity) * BigInt(line.unitPrice), 10_000n);
  const taxAmount = line.taxRateBps ? divRound(amount * BigInt(line.taxRateBps), 10_000n) : 0n;
  return { amount, taxAmount };
}

/** Amount and tax of one line; tax is rounded per line (as Xero and QuickBooks do by default). */
export function computeLine(line: LineInput): LineAmounts {
  const { amount, taxAmount } = computeLineExact(line);
  return { amount: Number(amount), taxAmount: Number(taxAmount) };
}

/** Subtotal, tax and total as exact bigints, for checking them against the amount limit. */
export function computeTotalsExact(lines: LineInput[]): { subtotal: bigint; taxTotal: bigint; total: bigint } {
  let subtotal = 0n;
  let taxTotal = 0n;
  for (const line of lines) {
    const l = computeLineExact(line);
    subtotal += l.amount;
    taxTotal += l.taxAmount;
  }
  return { subtotal, taxTotal, total: subtotal + taxTotal };
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
