/** Tries of one endpoint in flight at once: a slow endpoint holds at most this many worker slots. */
export const PER_ENDPOINT_CONCURRENCY = 2;
/**
 * Tries in flight at once per process (local) that are still expected to answer soon: the
 * delivery capacity every endpoint draws on.
 */
export const GLOBAL_DELIVERY_CONCURRENCY = 10;
/**
 * A try still waiting on its answer after this long is slow: the local worker moves it from the
 * shared slots to the slow lane (below), so waiting on a slow endpoint stops costing the others.
 * Webhook receivers are expected to answer at once (2xx, then work); a second is already slow.
 */
export const SLOW_ANSWER_MS = 1_000;
/**
 * Slow tries held at once per process beside the shared slots: room for this many ÷
 * PER_ENDPOINT_CONCURRENCY slow endpoints (10) before a slow try keeps its shared slot. A slow
 * try only waits on a socket (no CPU, little memory), so the lane can be wider than the shared
 * slots; the hard bound per process is GLOBAL_DELIVERY_CONCURRENCY + SLOW_LANE_CONCURRENCY.
 */
export const SLOW_LANE_CONCURRENCY = 20;

/**
 * The slow lane's size for this process: `HUB_OUTBOUND_SLOW_LANE` (0–100; 0 turns the lane off,
 * every try then holds its shared slot until its answer) or SLOW_LANE_CONCURRENCY.
 */
export function slowLaneConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.HUB_OUTBOUND_SLOW_LANE?.trim();
  if (!raw) return SLOW_LANE_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new Error("HUB_OUTBOUND_SLOW_LANE must be a whole number from 0 to 100.");
  return n;
}
/**
 * Inngest cannot move a running step between limits, so its function-wide limit is the whole
 * bound: a slow endpoint's 2 tries come out of 30, and up to 10 slow endpoints still leave the
 * others the 10 shared slots, as the local worker does.
 */
export const INNGEST_DELIVERY_CONCURRENCY = GLOBAL_DELIVERY_CONCURRENCY + SLOW_LANE_CONCURRENCY;
