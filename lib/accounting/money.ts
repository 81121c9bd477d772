/**
 * Money helpers. Amounts are held as integers in minor units everywhere in the domain; only
 * forms parse decimals and only screens format them.
 *
 * The minor unit of each currency comes from the ISO 4217 data the JavaScript runtime ships
 * (ICU, through Intl), not from a hand-kept table: JPY and KRW have 0 decimals, BHD and KWD 3,
 * CLF 4. We chose Intl over a money library (dinero.js) because the domain already stores
 * integer minor units and needs only digits, parsing and formatting; dinero.js would add a
 * second representation of amounts without removing any code here.
 */

/** Every ISO 4217 code the runtime knows (about 160; "XYZ" is not one). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

/** True for a real ISO 4217 currency code (upper case, as stored). */
export function isCurrencyCode(code: string): boolean {
  return CURRENCIES.has(code);
}

const digitsCache = new Map<string, number>();

/** Number of decimal places of a currency's minor unit (ISO 4217: USD 2, JPY 0, BHD 3). */
export function minorDigits(currency = "USD"): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(code, digits);
  }
  return digits;
}

/**
 * Parses a decimal amount as typed by a person ("12.50", "1,234.5", "-3") into minor units
 * of `currency` (USD 1250; JPY "12,000" → 12000; BHD "1.005" → 1005). Returns null when the
 * text is not a number or has more decimals than the currency allows, so callers can show a
 * field error instead of silently rounding.
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

/** Minor units to the plain decimal string a form input shows (USD 1250 → "12.50", JPY 12000 → "12000"). */
export function toDecimalString(minor: number, currency = "USD"): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor).toString().padStart(digits + 1, "0");
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Minor units as a grouped decimal without a symbol (USD 9999999999 → "99,999,999.99"), for limits in messages. */
export function formatAmount(minor: number, currency = "USD", locale = "en-US"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/**
 * Formats minor units for display ("$12.50", "¥12,000", "BHD 1.005"). The one money formatter
 * of the hub: dashboard, lists, detail pages, forms and messages all use it.
 */
export function formatMoney(minor: number, currency = "USD", locale = "en-US"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}
