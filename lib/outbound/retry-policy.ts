/**
 * When a failed delivery is tried again (Standard Webhooks / Svix schedule): the first try at
 * once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h — eight tries in all — each
 * delay spread by ±10 % jitter so a recovered receiver is not hit by every retry at one instant.
 * `HUB_OUTBOUND_RETRY_SCHEDULE` (seconds, comma-separated, e.g. "0,0.2,0.2") replaces it; tests
 * shorten it that way, never by faking time.
 */
export const DEFAULT_RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const;

/** A Retry-After longer than this is cut to it: a receiver cannot park a message for days. */
export const MAX_RETRY_AFTER_SECONDS = 36_000;

/** How long an endpoint may fail without a success before it is disabled (default 5 days). */
export function disableAfterSeconds(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env.HUB_OUTBOUND_DISABLE_AFTER_SECONDS);
  return Number.isFinite(v) && v > 0 ? v : 5 * 24 * 3600;
}

/** The schedule in force: delay in seconds before try 1, 2, … (the first is normally 0). */
export function retrySchedule(env: Record<string, string | undefined> = process.env): number[] {
  const raw = env.HUB_OUTBOUND_RETRY_SCHEDULE?.trim();
  if (!raw) return [...DEFAULT_RETRY_SCHEDULE_SECONDS];
  const parts = raw.split(",").map((s) => Number(s.trim()));
  if (parts.length === 0 || parts.length > 20 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error("HUB_OUTBOUND_RETRY_SCHEDULE must be 1–20 non-negative numbers of seconds, comma-separated.");
  }
  return parts;
}

/** Parses a Retry-After header (delta seconds or an HTTP date) into seconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, (at - now) / 1000) : undefined;
}

/**
 * Seconds until the next try after `attemptsMade` failed tries, or null when the schedule is
 * spent (the delivery fails). A Retry-After is honoured when it asks for longer than the
 * schedule, up to MAX_RETRY_AFTER_SECONDS. `random` in [0, 1) drives the jitter.
 */
export function nextDelaySeconds(
  attemptsMade: number,
  opts: { schedule?: number[]; retryAfterSeconds?: number; random?: number } = {},
): number | null {
  const schedule = opts.schedule ?? retrySchedule();
  if (attemptsMade >= schedule.length) return null;
  const base = schedule[attemptsMade]!;
  const jittered = base * (0.9 + 0.2 * (opts.random ?? Math.random()));
  const asked = opts.retryAfterSeconds === undefined ? 0 : Math.min(opts.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS);
  return Math.max(jittered, asked);
}
