import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb } from "@/lib/testing/db";
import { defineJob, defineSchedule } from "./define";
import { listFailedJobs } from "./failed";
import { getBoss } from "./local/boss";
import { sendLocal } from "./local/send";
import type { LocalJobs } from "./local/worker";
import { jobState, startTestJobs, waitFor } from "./testing";

describe("embedded driver (pg-boss): per-key limits, dedupe, dead jobs, schedules", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs;
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  const starts: Record<string, number[]> = {};
  let gate: Promise<void> = Promise.resolve();

  const perConnection = defineJob({
    name: "test.sync",
    schema: z.object({ connectionId: z.string(), n: z.number() }),
    concurrency: { key: (p) => p.connectionId, limit: 1 },
    async run({ connectionId }) {
      const now = (inFlight.get(connectionId) ?? 0) + 1;
      inFlight.set(connectionId, now);
      peak.set(connectionId, Math.max(peak.get(connectionId) ?? 0, now));
      await new Promise((r) => setTimeout(r, 20));
      inFlight.set(connectionId, inFlight.get(connectionId)! - 1);
    },
  });
  const gated = defineJob({
    name: "test.gated",
    schema: z.object({ n: z.number() }),
    async run() { await gate; },
  });
  const doomed = defineJob({
    name: "test.doomed",
    schema: z.object({ why: z.string() }),
    maxAttempts: 2,
    async run({ why }) {
      throw Object.assign(new Error(why), why === "bad credentials" ? { retryable: false } : {});
    },
  });
  const throttled = defineJob({
    name: "test.throttled",
    schema: z.object({ account: z.string(), n: z.number() }),
    throttle: { key: (p) => p.account, limit: 2, periodSeconds: 3 },
    async run({ account }) { (starts[account] ??= []).push(Date.now()); },
  });
  const nightly = defineSchedule({ name: "test.gated.nightly", job: "test.gated", cron: "0 2 * * *", tz: "Europe/London", payload: { n: 0 } });
  const registry = { jobs: [perConnection, gated, doomed, throttled], schedules: [nightly] };

  beforeAll(async () => {
    delete process.env.INNGEST_EVENT_KEY;
    delete process.env.INNGEST_DEV;
    t = await createTestDb();
    jobs = await startTestJobs(t.db, { connectionString: t.url, registry, localConcurrency: 5 });
  }, 180_000); // PGlite migrations alone can take most of a minute on a loaded machine
  afterAll(async () => {
    await jobs?.stop({ graceful: false });
    await t?.close();
  });

  it("holds per-key concurrency 1 under 20 concurrent enqueues, while another key runs beside", async () => {
    const boss = await getBoss(t.db);
    const ids = await Promise.all([
      ...Array.from({ length: 20 }, (_, n) => sendLocal(boss, perConnection, { connectionId: "conn-a", n })),
      ...Array.from({ length: 5 }, (_, n) => sendLocal(boss, perConnection, { connectionId: "conn-b", n })),
    ]);
    await waitFor(async () => (await Promise.all(ids.map((id) => jobState(t.db, id!)))).every((s) => s?.state === "completed"), { timeoutMs: 40_000 });
    expect(peak.get("conn-a")).toBe(1);
    expect(peak.get("conn-b")).toBe(1);
  }, 60_000);

  it("keeps at most one job per dedupe key waiting or running; a later one after it finished runs", async () => {
    // sendLocal is what enqueue() calls for a registered job under the local driver.
    const boss = await getBoss(t.db);
    const send = (n: number, key: string) => sendLocal(boss, gated, { n }, { key });
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    const first = await send(1, "k1");
    expect(first).toEqual(expect.any(String));
    expect(await send(2, "k1")).toBeNull();
    expect(await send(3, "k2")).toEqual(expect.any(String));
    // Still dropped once it runs.
    await waitFor(async () => (await jobState(t.db, first!))?.state === "active");
    expect(await send(4, "k1")).toBeNull();
    open();
    await waitFor(async () => (await jobState(t.db, first!))?.state === "completed");
    expect(await send(5, "k1")).toEqual(expect.any(String));
  });

  it("ends a dead job in a visible failed state: retries used up, or at once when not retryable", async () => {
    const boss = await getBoss(t.db);
    const flaky = await sendLocal(boss, doomed, { why: "provider down" });
    const fatal = await sendLocal(boss, doomed, { why: "bad credentials" });
    await waitFor(async () => (await listFailedJobs(t.db, { name: "test.doomed" })).length === 2, { timeoutMs: 30_000 });
    const failed = await listFailedJobs(t.db, { name: "test.doomed" });
    expect(failed.find((f) => f.id === flaky)).toMatchObject({ attempts: 2, payload: { why: "provider down" }, error: expect.objectContaining({ message: "provider down" }) });
    expect(failed.find((f) => f.id === fatal)).toMatchObject({ attempts: 1, payload: { why: "bad credentials" } });
  }, 40_000);

  it("throttles starts per key: 2 per 3 s, the rest put back without spending attempts", async () => {
    const boss = await getBoss(t.db);
    const ids = await Promise.all(Array.from({ length: 4 }, (_, n) => sendLocal(boss, throttled, { account: "acct-1", n })));
    await waitFor(async () => (await Promise.all(ids.map((id) => jobState(t.db, id!)))).every((s) => s?.state === "completed"), { timeoutMs: 30_000 });
    const s = starts["acct-1"]!.sort((a, b) => a - b);
    expect(s).toHaveLength(4);
    // The third start waits for the first to leave the 3 s window.
    expect(s[2]! - s[0]!).toBeGreaterThanOrEqual(2_900);
  }, 40_000);

  it("installs schedules as pg-boss crons in their time zone", async () => {
    const [s] = await jobs.boss.getSchedules("test.gated");
    expect(s).toMatchObject({ key: "test.gated.nightly", cron: "0 2 * * *", timezone: "Europe/London" });
  });
});
