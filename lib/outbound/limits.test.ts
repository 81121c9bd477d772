import { describe, expect, it } from "vitest";
import { GLOBAL_DELIVERY_CONCURRENCY, INNGEST_DELIVERY_CONCURRENCY, PER_ENDPOINT_CONCURRENCY, SLOW_LANE_CONCURRENCY, slowLaneConcurrency } from "./limits";

describe("outbound delivery limits", () => {
  it("size the slow lane from HUB_OUTBOUND_SLOW_LANE, 0 turning it off, and refuse nonsense", () => {
    expect(slowLaneConcurrency({})).toBe(SLOW_LANE_CONCURRENCY);
    expect(slowLaneConcurrency({ HUB_OUTBOUND_SLOW_LANE: " 6 " })).toBe(6);
    expect(slowLaneConcurrency({ HUB_OUTBOUND_SLOW_LANE: "0" })).toBe(0);
    for (const bad of ["-1", "2.5", "101", "many"]) expect(() => slowLaneConcurrency({ HUB_OUTBOUND_SLOW_LANE: bad })).toThrow(/0 to 100/);
  });

  it("leave room for several slow endpoints, each holding at most its per-endpoint tries", () => {
    expect(SLOW_LANE_CONCURRENCY / PER_ENDPOINT_CONCURRENCY).toBeGreaterThanOrEqual(5);
    expect(INNGEST_DELIVERY_CONCURRENCY).toBe(GLOBAL_DELIVERY_CONCURRENCY + SLOW_LANE_CONCURRENCY);
  });
});
