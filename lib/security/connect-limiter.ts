import type { Db } from "@/lib/db/client";
import { drizzleLimiter, isLimitReached, perDb } from "./limiter-store";
import { retryAfterText } from "./retry-after";

/** Connect calls (each one reaches out to a host the user typed) per organisation per window. */
export const CONNECT_LIMITS = { points: 20, windowSeconds: 10 * 60 } as const;

const limiter = perDb((db) => drizzleLimiter(db, "connect-org", CONNECT_LIMITS.points, CONNECT_LIMITS.windowSeconds));

/** Thrown when an organisation made too many connect calls; its message says when to try again. */
export class TooManyConnectAttemptsError extends Error {
  readonly retryAfterSeconds: number;
  constructor(ms: number) {
    super(`Too many connection attempts. Try again in ${retryAfterText(ms)}.`);
    this.name = "TooManyConnectAttemptsError";
    this.retryAfterSeconds = Math.ceil(ms / 1000);
  }
}

/**
 * Counts one connect call for the organisation; throws TooManyConnectAttemptsError past the
 * budget, so the connect form cannot be used to scan hosts or ports at speed.
 */
export async function takeConnectAttempt(db: Db, organisationId: string): Promise<void> {
  try {
    await limiter(db).consume(organisationId);
  } catch (err) {
    if (isLimitReached(err)) throw new TooManyConnectAttemptsError(err.msBeforeNext);
    throw err;
  }
}
