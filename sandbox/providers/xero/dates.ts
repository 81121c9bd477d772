/** Xero's Microsoft JSON dates: `/Date(1574275974000+0000)/`. */
export const msDate = (ms: number) => `/Date(${ms}+0000)/`;

/** Parses `/Date(…)/` or ISO / HTTP dates (what clients send); NaN when unreadable. */
export function parseXeroDate(v: unknown): number {
  if (typeof v !== "string") return NaN;
  const m = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(v);
  if (m) return Number(m[1]);
  return Date.parse(v);
}

/** A date-only field (Invoice Date, DueDate) as Xero stores it: midnight UTC. */
export const msDay = (ms: number) => msDate(Math.floor(ms / 86400000) * 86400000);
