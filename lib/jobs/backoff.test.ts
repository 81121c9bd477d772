import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("doubles per attempt within the jitter band", () => {
    expect(backoffDelay(1, () => 0)).toBe(2_500);
    expect(backoffDelay(1, () => 1)).toBe(5_000);
    expect(backoffDelay(3, () => 0)).toBe(10_000);
    expect(backoffDelay(3, () => 1)).toBe(20_000);
  });

  it("never exceeds the cap, however many attempts", () => {
    expect(backoffDelay(40, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(40, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it("spreads delays with randomness", () => {
    const seen = new Set(Array.from({ length: 20 }, () => backoffDelay(2)));
    expect(seen.size).toBeGreaterThan(1);
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(5_000);
      expect(d).toBeLessThanOrEqual(10_000);
    }
  });
});
