import { describe, expect, it } from "vitest";
import type { RateLimit } from "@/integrations/manifest-schema";
import { headerSeconds, ProviderPacer } from "./pacer";

const xeroLike: RateLimit = { retryAfterHeader: "retry-after", remainingHeader: "x-minlimit-remaining", budgets: [{ requests: 5000, perSeconds: 86_400 }, { requests: 5, perSeconds: 60 }] };
const key = { provider: "xero", account: "tenant-1" };

describe("rate-limit headers", () => {
  it("reads seconds and HTTP dates; absent or unreadable headers are undefined", () => {
    expect(headerSeconds(new Headers({ "retry-after": "7" }), "retry-after")).toBe(7);
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    expect(headerSeconds(new Headers({ "retry-after": inTen }), "retry-after")).toBeGreaterThan(8);
    expect(headerSeconds(new Headers({ "retry-after": "soon" }), "retry-after")).toBeUndefined();
    expect(headerSeconds(new Headers(), "retry-after")).toBeUndefined();
    expect(headerSeconds(new Headers({ "retry-after": "7" }), undefined)).toBeUndefined();
  });
});

describe("ProviderPacer budgets", () => {
  it("counts calls per provider account against the shortest window", async () => {
    const pacer = new ProviderPacer();
    expect(await pacer.remaining(key, xeroLike)).toBe(5);
    await pacer.acquire(key, xeroLike);
    await pacer.acquire(key, xeroLike);
    expect(await pacer.remaining(key, xeroLike)).toBe(3);
    expect(await pacer.remaining({ ...key, account: "tenant-2" }, xeroLike)).toBe(5);
  });

  it("adopts a lower remaining count from the provider, never a higher one", async () => {
    const pacer = new ProviderPacer();
    await pacer.acquire(key, xeroLike);
    await pacer.observe(key, xeroLike, new Headers({ "x-minlimit-remaining": "1" }));
    expect(await pacer.remaining(key, xeroLike)).toBe(1);
    await pacer.observe(key, xeroLike, new Headers({ "x-minlimit-remaining": "4" }));
    expect(await pacer.remaining(key, xeroLike)).toBe(1);
  });

  it("has no budget to count for a provider that declares none", async () => {
    const pacer = new ProviderPacer();
    expect(await pacer.remaining(key, { budgets: [] })).toBeUndefined();
  });
});
