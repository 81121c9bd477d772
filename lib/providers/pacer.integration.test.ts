// Issue 10.7: the token bucket of a provider account is shared by every job of that account, in
// every process. Two pacers built on the same database share nothing but its `rate_limits` rows,
// as two processes would; two in-memory pacers (the control) each count alone.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimit } from "@/integrations/manifest-schema";
import type { Db } from "@/lib/db/client";
import { drizzleLimiter } from "@/lib/security/limiter-store";
import { createTestDb } from "@/lib/testing/db";
import { pacerFor, ProviderPacer } from "./pacer";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createTestDb()));
afterAll(async () => close());

const budget: RateLimit = { remainingHeader: "x-minlimit-remaining", budgets: [{ requests: 3, perSeconds: 2 }] };
const shared = () => new ProviderPacer((prefix, points, duration) => drizzleLimiter(db, prefix, points, duration));
let n = 0;
const freshKey = () => ({ provider: "xero", account: `tenant-${process.pid}-${++n}` });

/** "waiting" when `p` has not settled within `ms`, else "acquired". */
const within = (p: Promise<void>, ms: number) => Promise.race([p.then(() => "acquired"), sleep(ms).then(() => "waiting")]);

describe("a provider account's budget shared through the database", () => {
  it("one pacer's calls use up the other's budget: the second waits for the next window", async () => {
    const key = freshKey();
    const a = shared();
    const b = shared();
    for (let i = 0; i < 3; i++) await a.acquire(key, budget);
    expect(await b.remaining(key, budget)).toBe(0);
    const started = Date.now();
    const next = b.acquire(key, budget);
    expect(await within(next, 400)).toBe("waiting");
    await next;
    // It went out in the next window, not before the first one ended.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(await a.remaining(key, budget)).toBe(2);
  });

  it("a pause one process is told (a 429's Retry-After) holds the other's calls too", async () => {
    const key = freshKey();
    const a = shared();
    const b = shared();
    await a.pause(key, 2, budget);
    expect(await b.remaining(key, budget)).toBe(0);
    expect(await within(b.acquire(key, budget), 400)).toBe("waiting");
  });

  it("a lower remaining count from the provider's headers reaches every process", async () => {
    const key = freshKey();
    const a = shared();
    await a.acquire(key, budget);
    await a.observe(key, budget, new Headers({ "x-minlimit-remaining": "0" }));
    expect(await shared().remaining(key, budget)).toBe(0);
  });

  it("pacerFor keeps one pacer per database handle; in-memory pacers count alone (the control)", async () => {
    expect(pacerFor(db)).toBe(pacerFor(db));
    // On Postgres the hub's pacer counts in the database, like the ones above.
    if (process.env.DATABASE_URL) {
      const key = freshKey();
      await pacerFor(db).acquire(key, budget);
      expect(await shared().remaining(key, budget)).toBe(2);
    }
    const key = freshKey();
    const a = new ProviderPacer();
    const b = new ProviderPacer();
    for (let i = 0; i < 3; i++) await a.acquire(key, budget);
    expect(await b.remaining(key, budget)).toBe(3);
  });
});
