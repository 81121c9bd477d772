/** QuickBooks answers in the company's time zone; the sandbox companies are on US Pacific (standard) time. */
export function qboDateTime(ms: number): string {
  const d = new Date(ms - 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}-08:00`;
}

/** A date-only field (TxnDate, DueDate): YYYY-MM-DD. */
export const qboDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
