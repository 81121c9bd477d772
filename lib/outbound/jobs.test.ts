import { describe, expect, it } from "vitest";
import { flowControlOf } from "@/inngest/functions/from-job";
import { consumersOf } from "@/lib/events/consumers";
import { eventTypes } from "@/lib/events/catalog";
import { deliverJob, PER_ENDPOINT_CONCURRENCY, sweepJob } from "./jobs";

describe("outbound jobs", () => {
  it("map to Inngest with the per-endpoint concurrency key and a bounded run, like the local driver", () => {
    expect(flowControlOf(deliverJob)).toMatchObject({
      timeouts: { finish: "60s" },
      concurrency: { key: "event.data._hub.concurrency", limit: PER_ENDPOINT_CONCURRENCY },
      singleton: { key: "event.data._hub.dedupe", mode: "skip" },
    });
    expect(flowControlOf(sweepJob).concurrency).toBeUndefined();
  });

  it("fan out every catalogued event type", () => {
    for (const type of eventTypes) expect(consumersOf(type).map((c) => c.name)).toContain("outbound.fan-out");
  });
});
