import { setTimeout as sleep } from "node:timers/promises";
import { RateLimiterMemory, RateLimiterQueue } from "rate-limiter-flexible";
import type { RateLimit } from "@/integrations/manifest-schema";

/** Whose budget a call spends: the provider and the provider account (Xero tenant, QuickBooks realm…). */
export type PaceKey = { provider: string; account: string };

/**
 * Our window starts when we send, the provider's when it receives; a little slack on each window
 * keeps our count inside theirs whatever the latency.
 */
const WINDOW_SLACK_SECONDS = 0.25;

type Budget = { limiter: RateLimiterMemory; queue: RateLimiterQueue; requests: number; perSeconds: number };

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
 * Keeps every provider account inside its budgets, in this process: before a call it waits for a
 * token from each of the manifest's budgets (a fixed-window limiter per budget from
 * rate-limiter-flexible, queued FIFO by its RateLimiterQueue) and for any pause the provider asked
 * for; after the answer it reads the manifest's rate-limit headers. In-process for now: the same
 * library has a Postgres store (RateLimiterPostgres) for a budget shared across processes.
 */
export class ProviderPacer {
  private readonly budgets = new Map<string, Budget[]>();
  private readonly pausedUntil = new Map<string, number>();

  private budgetsFor(provider: string, rateLimit: RateLimit): Budget[] {
    const id = `${provider}|${rateLimit.budgets.map((b) => `${b.requests}/${b.perSeconds}`).join(",")}`;
    let list = this.budgets.get(id);
    if (!list) {
      // The shortest window first: it is the one a "remaining" header usually describes.
      list = [...rateLimit.budgets]
        .sort((a, b) => a.perSeconds - b.perSeconds)
        .map(({ requests, perSeconds }) => {
          const limiter = new RateLimiterMemory({ points: requests, duration: perSeconds + WINDOW_SLACK_SECONDS });
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

  /** Pauses every call for `key` for `seconds` (a 429's Retry-After, or a window the provider says is spent). */
  pause(key: PaceKey, seconds: number): void {
    const k = `${key.provider}|${key.account}`;
    const until = Date.now() + Math.ceil(seconds * 1000);
    if (until > (this.pausedUntil.get(k) ?? 0)) this.pausedUntil.set(k, until);
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
    if (remaining <= 0 && reset !== undefined) return this.pause(key, reset);
    const [shortest] = this.budgetsFor(key.provider, rateLimit);
    if (!shortest) {
      if (remaining <= 0) this.pause(key, 1);
      return;
    }
    const ours = (await this.remaining(key, rateLimit))!;
    if (remaining < ours) await shortest.limiter.penalty(`${key.provider}|${key.account}`, ours - remaining);
  }
}

/** The process's pacer: every provider call of every job shares it. */
export const providerPacer = new ProviderPacer();
