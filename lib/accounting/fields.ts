import { z } from "zod";
import { LIMITS } from "./limits";
import { fieldMessage as m } from "./messages";
import { isTimeZone } from "./dates";
import { formatAmount, isCurrencyCode } from "./money";

/**
 * Reusable field schemas shared by the domain schemas (API, queries) and the screens' forms.
 * Every issue they raise carries a message from ./messages.ts naming the field and the limit.
 */

// C0 controls except tab, line feed and carriage return (multi-line notes keep those), and DEL.
// NUL in particular cannot be stored in a Postgres text column and used to end in a 500.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one: not
// valid UTF-16, so it cannot be encoded as UTF-8 for the database.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` holds no control characters (other than tab/newlines) and no lone surrogates. */
export function isCleanText(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

/** Trimmed text of at most `max` characters, clean of control characters; required unless `optional`. */
export function text(field: string, max: number) {
  return z
    .string({ error: m.required(field) })
    .refine(isCleanText, m.controlCharacters(field))
    .transform((v) => v.trim())
    .pipe(z.string().min(1, m.required(field)).max(max, m.tooLong(field, max)));
}

/** Optional text: empty, null or absent becomes null. */
export function optionalText(field: string, max: number) {
  return z
    .string({ error: m.tooLong(field, max) })
    .refine(isCleanText, m.controlCharacters(field))
    .transform((v) => v.trim())
    .pipe(z.string().max(max, m.tooLong(field, max)))
    .nullish()
    .transform((v) => (v ? v : null));
}

/** ISO calendar date (YYYY-MM-DD) within LIMITS.dateMin … LIMITS.dateMax. */
export function isoDateField(field: string) {
  return z
    .string({ error: m.date(field) })
    .pipe(z.iso.date({ error: m.date(field) }))
    .refine((d) => d >= LIMITS.dateMin && d <= LIMITS.dateMax, m.between(field, LIMITS.dateMin, LIMITS.dateMax));
}

/** A real ISO 4217 currency code ("usd" is read as USD; "XYZ" is refused). */
export function currencyField(field = "Currency") {
  return z
    .string({ error: m.currency(field) })
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCurrencyCode, m.currency(field));
}

/** A whole number of minor units between `min` and `max` (both inclusive). */
export function minorField(field: string, max: number = LIMITS.amountMaxMinor) {
  return z
    .number({ error: m.number(field) })
    .int(m.wholeMinorUnits(field))
    .min(0, m.notNegative(field))
    .max(max, m.atMost(field, `${max.toLocaleString("en-US")} minor units`));
}

/** Limit of a minor-unit amount as a person reads it in `currency` ("99,999,999.99"). */
export const limitText = (maxMinor: number, currency: string) => formatAmount(maxMinor, currency);

/** An IANA time zone ("Europe/London"), checked against the runtime's list. */
export function timeZoneField(field = "Time zone") {
  return z.string({ error: m.timeZone(field) }).trim().max(64, m.timeZone(field)).refine(isTimeZone, m.timeZone(field));
}
