import { RateLimiterDrizzle, type RateLimiterRes } from "rate-limiter-flexible";
import { rateLimits } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
export { retryAfterText } from "./retry-after";

/**
 * rate-limiter-flexible's Drizzle store on the hub's own database (the `rate_limits` table): the
 * same code counts on Postgres in production and on PGlite in the embedded default, and limits
 * hold across processes and restarts. Chosen over a hand-written counter because its upsert is
 * atomic and its block/get/delete cover locks.
 */
export function drizzleLimiter(db: Db, keyPrefix: string, points: number, durationSeconds: number): RateLimiterDrizzle {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix,
    points,
    duration: durationSeconds,
    // The library's hourly sweep of expired rows; its timer is unref'd.
    clearExpiredByTimeout: true,
  } as ConstructorParameters<typeof RateLimiterDrizzle>[0]);
}

/** consume() rejects with a RateLimiterRes when points run out, and with an Error when the store fails. */
export function isLimitReached(err: unknown): err is RateLimiterRes {
  return !(err instanceof Error) && typeof (err as RateLimiterRes | null)?.msBeforeNext === "number";
}

/** One cached set of limiters per database handle (tests use several databases in one process). */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let v = cache.get(db);
    if (!v) cache.set(db, (v = build(db)));
    return v;
  };
}
