import { inboundStatuses, type InboundFilters, type InboundStatus } from "./api";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "30 Nov 2026, 09:14:05" in the organisation's time zone (the log's time column). */
export function eventTime(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

/** Milliseconds `timeZone` is ahead of UTC at instant `at`. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
  }).formatToParts(new Date(at));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(at / 1000) * 1000;
}

/** The instant (ISO) the calendar day `date` (YYYY-MM-DD) starts in `timeZone`; null for a bad date. */
export function dayStart(date: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return null;
  // Two passes: the offset at the first guess may differ from the offset at the answer around a DST change.
  let at = wall - zoneOffset(wall, timeZone);
  at = wall - zoneOffset(at, timeZone);
  return new Date(at).toISOString();
}

/** The log's filters as they stand in the page URL: calendar days for the time range. */
export interface UrlFilters {
  provider: string;
  type: string;
  status: string;
  from: string;
  to: string;
}

export const filterKeys = ["provider", "type", "status", "from", "to"] as const;

/** Reads the filters from the URL, dropping values the log cannot use (unknown status, bad dates). */
export function readUrlFilters(params: { get(name: string): string | null }): UrlFilters {
  const get = (k: string) => (params.get(k) ?? "").trim();
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(get(k)) ? get(k) : "");
  const status = get("status");
  return {
    provider: get("provider").slice(0, 64),
    type: get("type").slice(0, 200),
    status: (inboundStatuses as readonly string[]).includes(status) ? status : "",
    from: date("from"),
    to: date("to"),
  };
}

/** The API filters for URL filters: "to" includes its whole day (the next day's start is the bound). */
export function apiFilters(f: UrlFilters, timeZone: string, connectionId?: string): InboundFilters {
  const next = f.to ? new Date(Date.UTC(+f.to.slice(0, 4), +f.to.slice(5, 7) - 1, +f.to.slice(8, 10) + 1)).toISOString().slice(0, 10) : "";
  return {
    provider: f.provider || undefined,
    type: f.type || undefined,
    status: f.status || undefined,
    connectionId,
    from: (f.from && dayStart(f.from, timeZone)) || undefined,
    to: (next && dayStart(next, timeZone)) || undefined,
  };
}

/** True when any filter is set (the empty state then says "nothing matches", not "nothing yet"). */
export const hasFilters = (f: UrlFilters) => filterKeys.some((k) => f[k] !== "");

/** The status badge's colour. */
export const statusVariant: Record<InboundStatus, "secondary" | "success" | "outline" | "destructive"> = {
  received: "secondary", processed: "success", ignored: "outline", failed: "destructive",
};

export const statusLabel: Record<InboundStatus, string> = {
  received: "Received", processed: "Processed", ignored: "Ignored", failed: "Failed",
};

/** The payload as the detail panel shows it: indented JSON, or the text as it came. */
export function prettyPayload(payload: unknown): string {
  if (typeof payload === "string") {
    try {
      return JSON.stringify(JSON.parse(payload), null, 2);
    } catch {
      return payload;
    }
  }
  return JSON.stringify(payload, null, 2) ?? "";
}
