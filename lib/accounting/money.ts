/**
 * Money helpers. Amounts are held as integers in minor units (cents) everywhere in the domain;
 * only forms parse decimals and only screens format them.
 */

/** Currencies whose minor unit is not 1/100. Kept short: the hub's demo data is USD/EUR/GBP. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, BHD: 3, KWD: 3, OMR: 3, TND: 3 };

/** Number of decimal places of a currency's minor unit (2 unless listed above). */
export function minorDigits(currency = "USD"): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/**
 * Parses a decimal amount as typed by a person ("12.50", "1,234.5", "-3") into minor units
 * (1250, 123450, -300). Returns null when the text is not a number or has more decimals than
 * the currency allows, so callers can show a field error instead of silently rounding.
 */
export function parseMoney(input: string, currency = "USD"): number | null {
  const digits = minorDigits(currency);
  const text = input.trim().replace(/[,\s]/g, "");
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text) ?? /^(-)?()\.(\d+)$/.exec(text);
  if (!match) return null;
  const [, sign, whole, frac = ""] = match;
  if (frac.length > digits) return null;
  // String arithmetic, not parseFloat * 100, so 0.29 becomes 29 and never 28.999….
  const minor = Number((whole || "0") + frac.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

/** Minor units to the plain decimal string a form input shows (1250 → "12.50"). */
export function toDecimalString(minor: number, currency = "USD"): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor).toString().padStart(digits + 1, "0");
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Formats minor units for display with Intl ("$12.50", "€1,234.00"). */
export function formatMoney(minor: number, currency = "USD", locale = "en-US"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}
