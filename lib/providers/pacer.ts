import { setTimeout as sleep } from "node:timers/promises";
import { RateLimiterMemory, RateLimiterQueue, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { CallPacer, PaceKey } from "@/integrations/hook-types";
import type { RateLimit } from "@/integrations/manifest-schema";
import { openedByOneProcess, type Db } from "@/lib/db/client";
import { drizzleLimiter, perDb } from "@/lib/security/limiter-store";

export type { PaceKey };

/** Builds one budget's fixed-window counter: in memory, or in a store every process shares. */
type LimiterFactory = (keyPrefix: string, points: number, durationSeconds: number) => RateLimiterAbstract;

const inMemory: LimiterFactory = (keyPrefix, points, duration) => new RateLimiterMemory({ keyPrefix, points, duration });

/**
 * Our window starts when we send, the provider's when it receives; a little slack on each window
 * keeps our count inside theirs whatever the latency.
 */
const WINDOW_SLACK_SECONDS = 0.25;

type Budget = { limiter: RateLimiterAbstract; queue: RateLimiterQueue; requests: number; perSeconds: number };

/** Reads a header as a non-negative number of seconds, or an HTTP date; undefined when absent or unreadable. */
export function headerSeconds(headers: Headers, name: string | undefined): number | undefined {
  const v = name ? headers.get(name) : null;
  if (v === null || v.trim() === "") return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, n);
  const when = Date.parse(v);
  return Number.isNaN(when) ? undefined : Math.max(0, (when - Date.now()) / 1000);
}

/** Reads a header as a count (calls remaining); undefined when absent or not a number. */
function headerCount(headers: Headers, name: string | undefined): number | undefined {
  const v = name ? headers.get(name) : null;
  const n = v === null || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : undefined;
}

/**
 * Keeps every provider account inside its budgets: before a call it waits for a token from each of
 * the manifest's budgets (a fixed-window limiter per budget from rate-limiter-flexible, queued
 * FIFO by its RateLimiterQueue) and for any pause the provider asked for; after the answer it
 * reads the manifest's rate-limit headers. The counters live where the factory puts them: in this
 * process by default, in the hub's database with `pacerFor(db)`, so that every job of every
 * process (workers, `next start`, a second host) spends one budget per provider account.
 */
export class ProviderPacer implements CallPacer {
  private readonly budgets = new Map<string, Budget[]>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(private readonly limiter: LimiterFactory = inMemory) {}

  private budgetsFor(provider: string, rateLimit: RateLimit): Budget[] {
    const id = `${provider}|${rateLimit.budgets.map((b) => `${b.requests}/${b.perSeconds}`).join(",")}`;
    let list = this.budgets.get(id);
    if (!list) {
      // The shortest window first: it is the one a "remaining" header usually describes.
      list = [...rateLimit.budgets]
        .sort((a, b) => a.perSeconds - b.perSeconds)
        .map(({ requests, perSeconds }) => {
          const limiter = this.limiter(`pace:${provider}:${requests}/${perSeconds}`, requests, perSeconds + WINDOW_SLACK_SECONDS);
          return { limiter, queue: new RateLimiterQueue(limiter), requests, perSeconds };
        });
      this.budgets.set(id, list);
    }
    return list;
  }

  /** Waits until a call for `key` may be sent: any pause the provider asked for, then a token from every budget. */
  async acquire(key: PaceKey, rateLimit: RateLimit): Promise<void> {
    const k = `${key.provider}|${key.account}`;
    for (let until = this.pausedUntil.get(k) ?? 0; until > Date.now(); until = this.pausedUntil.get(k) ?? 0) {
      await sleep(until - Date.now());
    }
    for (const b of this.budgetsFor(key.provider, rateLimit)) await b.queue.removeTokens(1, k);
  }

  /** Calls left for `key` in its shortest budget's window, by our count; undefined without a budget. */
  async remaining(key: PaceKey, rateLimit: RateLimit): Promise<number | undefined> {
    const [shortest] = this.budgetsFor(key.provider, rateLimit);
    if (!shortest) return undefined;
    return (await shortest.limiter.get(`${key.provider}|${key.account}`))?.remainingPoints ?? shortest.requests;
  }

  /**
   * Pauses every call for `key` for `seconds` (a 429's Retry-After, or a window the provider says
   * is spent): here at once, and, given the budgets, in the shared counters too (each budget's
   * window is blocked until then, so other processes wait as well).
   */
  async pause(key: PaceKey, seconds: number, rateLimit?: RateLimit): Promise<void> {
    const k = `${key.provider}|${key.account}`;
    const until = Date.now() + Math.ceil(seconds * 1000);
    if (until > (this.pausedUntil.get(k) ?? 0)) this.pausedUntil.set(k, until);
    if (rateLimit && seconds > 0) await Promise.all(this.budgetsFor(key.provider, rateLimit).map((b) => b.limiter.block(k, Math.ceil(seconds))));
  }

  /**
   * Reads the answer's rate-limit headers. A `remaining` count lower than ours (other processes
   * or jobs spent the budget too) is adopted by the shortest budget; 0 with a reset time pauses
   * until then, 0 without one and without a budget pauses a second.
   */
  async observe(key: PaceKey, rateLimit: RateLimit, headers: Headers): Promise<void> {
    const remaining = headerCount(headers, rateLimit.remainingHeader);
    if (remaining === undefined) return;
    const reset = headerSeconds(headers, rateLimit.resetHeader);
    if (remaining <= 0 && reset !== undefined) return this.pause(key, reset, rateLimit);
    const [shortest] = this.budgetsFor(key.provider, rateLimit);
    if (!shortest) {
      if (remaining <= 0) await this.pause(key, 1);
      return;
    }
    const ours = (await this.remaining(key, rateLimit))!;
    if (remaining < ours) await shortest.limiter.penalty(`${key.provider}|${key.account}`, ours - remaining);
  }
}

/** The process's own pacer, for calls made without the hub's database at hand (connect, health). */
export const providerPacer = new ProviderPacer();

/**
 * The pacer every job on `db` shares, one per database handle. On Postgres its counters live in
 * the `rate_limits` table (rate-limiter-flexible's Drizzle store, as the sign-in limits use), so
 * every process on the database spends one budget. PGlite is opened by one process only, so there
 * the counters stay in memory: a database round trip per call would only queue each call behind
 * the page writes on PGlite's single connection (a 30-page paced pull took 56 s instead of 33 s).
 */
export const pacerFor: (db: Db) => ProviderPacer = perDb((db) =>
  openedByOneProcess(db) ? new ProviderPacer() : new ProviderPacer((prefix, points, duration) => drizzleLimiter(db, prefix, points, duration)),
);
