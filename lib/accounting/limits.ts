/**
 * The documented limits of accounting input. Amounts are integer minor units held in bigint
 * columns and read back as JS numbers, so every amount the hub can produce (a line's
 * quantity × unit price, an invoice's total, a payment) must stay below
 * Number.MAX_SAFE_INTEGER (2^53 − 1 ≈ 9.007e15) to remain exact in both places:
 *
 * | what                         | limit                                        |
 * |------------------------------|----------------------------------------------|
 * | quantity                     | 0 < q ≤ 1,000,000, at most 4 decimals        |
 * | unit price (minor units)     | 0 ≤ p ≤ 9,999,999,999 (99,999,999.99 USD)    |
 * | line amount, invoice total,  | ≤ 999,999,999,999,999 minor units            |
 * | payment (minor units)        | (9,999,999,999,999.99 USD)                   |
 * | dates                        | 1900-01-01 … 2200-12-31                       |
 * | payment date                 | at most 1 day after today in the organisation's time zone |
 */
export const LIMITS = {
  quantityMax: 1_000_000,
  quantityDecimals: 4,
  unitPriceMaxMinor: 9_999_999_999,
  amountMaxMinor: 999_999_999_999_999,
  dateMin: "1900-01-01",
  dateMax: "2200-12-31",
  /** Days a payment date may lie after the organisation's today (a payment keyed in early from another zone). */
  paymentFutureToleranceDays: 1,
  linesMax: 200,
} as const;
