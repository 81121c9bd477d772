import { ApiError } from "@/lib/api/problem";
import type { Db } from "@/lib/db/client";
import { drizzleLimiter, isLimitReached, perDb } from "./limiter-store";
import { retryAfterText } from "./retry-after";

/** Requests one API key may make per window (Zapier/Make/n8n poll well below this). */
export const API_KEY_LIMITS = { points: 120, windowSeconds: 60 } as const;

const limiter = perDb((db) => drizzleLimiter(db, "api-key", API_KEY_LIMITS.points, API_KEY_LIMITS.windowSeconds));

/**
 * Counts one request of an API key; past the budget throws a 429 `rate_limited` whose
 * `Retry-After` says when the window frees up. Per key, so one busy automation cannot starve
 * another key of the same organisation.
 */
export async function takeApiKeyRequest(db: Db, keyId: string): Promise<void> {
  try {
    await limiter(db).consume(keyId);
  } catch (err) {
    if (!isLimitReached(err)) throw err;
    const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new ApiError(429, "rate_limited", `Too many requests with this API key. Try again in ${retryAfterText(err.msBeforeNext)}.`, undefined, seconds);
  }
}
