/**
 * Calendar dates in an organisation's time zone. "Today", "this month" and "overdue" are a
 * matter of where the organisation is: at 23:30 on 31 March in New York it is already 1 April
 * in UTC, and a payment received that evening belongs to March. Dates are ISO strings
 * (YYYY-MM-DD), which sort and compare as text.
 */

const ZONES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("timeZone"));

/**
 * True for an IANA time zone the runtime knows. Intl's list holds canonical zones only, so the
 * UTC aliases that browsers report ("UTC", "Etc/UTC") are admitted by name.
 */
export function isTimeZone(zone: string): boolean {
  return ZONES.has(zone) || zone === "UTC" || zone === "Etc/UTC" || zone === "Etc/GMT";
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) at instant `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f.format(now);
}

/** `iso` moved by `days` calendar days (negative for earlier). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first day (YYYY-MM-01) of the month `back` months before the month of `today`. */
export function monthStart(today: string, back = 0): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 10);
}
