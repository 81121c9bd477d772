import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, defineSchedule } from "@/lib/jobs/define";
import { wrapPayload } from "@/lib/jobs/keys";
import { createTestDb } from "@/lib/testing/db";
import { RetryAfterError } from "inngest";
import { createJobFunction, toInngestError } from "./from-job";

const configOf = (fn: ReturnType<typeof createJobFunction>) =>
  fn["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "integration-hub" })[0]!;

describe("a job definition under Inngest", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => { t = await createTestDb(); }, 180_000);
  afterAll(async () => { await t?.close(); });

  const sync = defineJob({
    name: "test.sync-entity",
    schema: z.object({ connectionId: z.string(), entity: z.string(), account: z.string() }),
    timeoutSeconds: 120,
    concurrency: { key: (p) => `${p.connectionId}:${p.entity}`, limit: 1 },
    throttle: { key: (p) => p.account, limit: 10, periodSeconds: 60 },
    async run() { return "ok"; },
  });
  const morning = defineSchedule({ name: "test.sync-entity.morning", job: "test.sync-entity", cron: "0 9 * * *", tz: "Europe/London" });

  it("maps timeout, per-key concurrency, throttle, dedupe and a time-zoned cron onto the function config", () => {
    const config = configOf(createJobFunction(sync, { schedules: [morning] }));
    expect(config.triggers).toEqual([{ event: "hub/test.sync-entity" }, { cron: "TZ=Europe/London 0 9 * * *" }]);
    expect(config.timeouts).toEqual({ finish: "120s" });
    expect(config.concurrency).toEqual({ key: "event.data._hub.concurrency", limit: 1 });
    expect(config.throttle).toEqual({ key: "event.data._hub.throttle", limit: 10, period: "60s" });
    expect(config.singleton).toEqual({ key: "event.data._hub.dedupe", mode: "skip" });
    // The keys those expressions read are computed from the payload at enqueue time.
    expect(wrapPayload(sync, { connectionId: "c1", entity: "invoices", account: "acct" }, "k")._hub)
      .toEqual({ concurrency: "c1:invoices", throttle: "acct", dedupe: "k" });
  });

  it("maps an ordered job to concurrency 1 on its key, without a singleton", () => {
    const ordered = defineJob({ name: "test.ordered", schema: z.object({ a: z.string() }), ordered: { key: (p) => p.a }, async run() {} });
    const config = configOf(createJobFunction(ordered));
    expect(config.concurrency).toEqual({ key: "event.data._hub.ordered", limit: 1 });
    expect(config.singleton).toBeUndefined();
  });

  it("turns an error with retryAfterSeconds into RetryAfterError, and a non-retryable one into NonRetriableError", async () => {
    const limited = defineJob({
      name: "test.limited",
      schema: z.object({ why: z.string() }),
      async run({ why }) {
        if (why === "429") throw Object.assign(new Error("rate limited"), { code: "RATE_LIMITED", retryAfterSeconds: 7 });
        throw Object.assign(new Error("bad credentials"), { retryable: false });
      },
    });
    const fn = createJobFunction(limited, { db: async () => t.db });
    const rate = await new InngestTestEngine({ function: fn }).execute({ events: [{ name: "hub/test.limited", data: wrapPayload(limited, { why: "429" }) }] });
    expect(rate.error).toMatchObject({ name: "RetryAfterError", message: "rate limited" });
    // The delay it carries (the engine serialises the error without it), as the Retry-After seconds.
    const mapped = toInngestError(limited, Object.assign(new Error("429"), { retryAfterSeconds: 7 }));
    expect(mapped).toBeInstanceOf(RetryAfterError);
    expect((mapped as RetryAfterError).retryAfter).toBe("7");
    const fatal = await new InngestTestEngine({ function: fn }).execute({ events: [{ name: "hub/test.limited", data: wrapPayload(limited, { why: "auth" }) }] });
    expect(fatal.error).toMatchObject({ name: "NonRetriableError", message: "bad credentials" });
  });

  it("runs the job with the payload stripped of its routing keys", async () => {
    const fn = createJobFunction(sync, { db: async () => t.db });
    const { result } = await new InngestTestEngine({ function: fn }).execute({
      events: [{ name: "hub/test.sync-entity", data: wrapPayload(sync, { connectionId: "c1", entity: "invoices", account: "a" }) }],
    });
    expect(result).toBe("ok");
  });
});
