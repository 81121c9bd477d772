/** Retry delays of the local runner: exponential from 5 s, capped at 1 h, with "equal jitter". */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * Delay before retry number `attempt` (1 = after the first failure). Half the exponential delay
 * is fixed and half random, so retries of many jobs failing together spread out instead of
 * hitting a recovering provider at the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
