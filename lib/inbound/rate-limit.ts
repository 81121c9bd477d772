import { RateLimiterMemory } from "rate-limiter-flexible";
import { isLimitReached } from "@/lib/security/limiter-store";

/**
 * Deliveries per connection per window. In memory (rate-limiter-flexible's memory store) rather
 * than the Drizzle store lib/security uses for sign-in: this sits on the hot path of every
 * delivery, where one more database write per request would halve throughput, and a provider's
 * burst is what it guards against, not an attacker spread over processes.
 * `INBOUND_RATE_LIMIT_PER_MINUTE` overrides the default.
 */
export const INBOUND_LIMITS = { points: Number(process.env.INBOUND_RATE_LIMIT_PER_MINUTE) || 6000, windowSeconds: 60 };

let limiter = new RateLimiterMemory({ keyPrefix: "inbound", points: INBOUND_LIMITS.points, duration: INBOUND_LIMITS.windowSeconds });

/** Replaces the limits (tests exercise the 429 with a small budget). */
export function configureInboundRateLimit(points: number, windowSeconds: number): void {
  limiter = new RateLimiterMemory({ keyPrefix: `inbound-${points}-${windowSeconds}-${Date.now()}`, points, duration: windowSeconds });
}

/** Takes one delivery from each key's budget; the seconds to wait when one is spent, else null. */
export async function takeDelivery(keys: string[]): Promise<number | null> {
  for (const key of keys) {
    try {
      await limiter.consume(key);
    } catch (err) {
      if (isLimitReached(err)) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }
  return null;
}
