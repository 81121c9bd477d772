import { describe, expect, it } from "vitest";
import { flowControlOf } from "@/inngest/functions/from-job";
import { consumersOf } from "@/lib/events/consumers";
import { eventTypes } from "@/lib/events/catalog";
import { defineJob } from "@/lib/jobs/define";
import { z } from "zod";
import { deliverJob, GLOBAL_DELIVERY_CONCURRENCY, INNGEST_DELIVERY_CONCURRENCY, PER_ENDPOINT_CONCURRENCY, sweepJob } from "./jobs";

describe("outbound jobs", () => {
  it("map to Inngest with the per-endpoint key, the global limit and a bounded run, like the local driver", () => {
    // The local worker's whole bound: its shared slots and its slow lane.
    expect(INNGEST_DELIVERY_CONCURRENCY).toBeGreaterThan(GLOBAL_DELIVERY_CONCURRENCY);
    expect(flowControlOf(deliverJob)).toMatchObject({
      timeouts: { finish: "60s" },
      concurrency: [{ key: "event.data._hub.concurrency", limit: PER_ENDPOINT_CONCURRENCY }, { limit: INNGEST_DELIVERY_CONCURRENCY }],
      singleton: { key: "event.data._hub.dedupe", mode: "skip" },
    });
    expect(flowControlOf(sweepJob).concurrency).toBeUndefined();
  });

  it("refuses a job with more concurrency limits than Inngest takes", () => {
    const base = { name: "test.three-limits", schema: z.object({ k: z.string() }), run: async () => undefined };
    expect(() => defineJob({ ...base, globalConcurrency: 0 })).toThrow(/1–100/);
    expect(() => defineJob({ ...base, globalConcurrency: 5, concurrency: { key: (p) => p.k, limit: 1 }, ordered: { key: (p) => p.k } })).toThrow(/two concurrency limits/);
  });

  it("fan out every catalogued event type", () => {
    for (const type of eventTypes) expect(consumersOf(type).map((c) => c.name)).toContain("outbound.fan-out");
  });
});
