/**
 * Text for the outbound-webhook screens: times in the organisation's time zone, rates, latencies,
 * and the wall-clock ↔ instant conversion behind "Recover failed since…".
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** "2026-11-30 09:14:05" in `timeZone` (seconds: attempts seconds apart must read apart). */
export function formatInZone(iso: string | Date, timeZone: string): string {
  const { date, time } = wallClock(typeof iso === "string" ? new Date(iso) : iso, timeZone);
  return `${date} ${time}`;
}

/** The value of a `datetime-local` input ("YYYY-MM-DDTHH:mm") showing `instant` in `timeZone`. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const { date, time } = wallClock(instant, timeZone);
  return `${date}T${time.slice(0, 5)}`;
}

/**
 * The instant at which the clocks in `timeZone` show `local` ("YYYY-MM-DDTHH:mm"), as ISO; null
 * when `local` is not such a value. Found by correcting a UTC guess by the zone's offset twice,
 * which also lands right next to a daylight-saving change.
 */
export function fromLocalInput(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const target = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(target)) return null;
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const shown = new Date(`${formatInZone(new Date(guess), timeZone).replace(" ", "T")}Z`).getTime();
    guess += target - shown;
  }
  return new Date(guess).toISOString();
}

/** "98.5%" or "—" when nothing was attempted. */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  const pct = rate * 100;
  return `${pct === 100 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** "140 ms", "2.3 s" or "—". */
export function durationText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "All events" for `*`, else the types joined. */
export function eventFilterText(types: string[]): string {
  if (types.includes("*")) return "All events";
  return types.length ? types.join(", ") : "No events";
}

/** One custom-header row of the endpoint form. */
export interface HeaderRow {
  name: string;
  value: string;
}

/** The form's header rows as the API's `headers` object; empty rows are dropped. */
export function headersFromRows(rows: HeaderRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const name = r.name.trim();
    if (name) out[name] = r.value;
  }
  return out;
}

/** The endpoint's `headers` as form rows. */
export function rowsFromHeaders(headers: Record<string, string>): HeaderRow[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}
