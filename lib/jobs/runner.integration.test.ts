import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { jobs, schedules } from "@/drizzle/schema";
import { createTestDb } from "@/lib/testing/db";
import { defineJob, defineSchedule } from "./define";
import { startLocalRunner } from "./runner";
import { fireDueSchedules } from "./schedules";
import { insertJobRow } from "./store";

describe("local job runner", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  const seen: { n: number; attempt: number }[] = [];
  let failuresLeft = 0;

  const record = defineJob({
    name: "test.record",
    schema: z.object({ n: z.number() }),
    async run({ n }, { attempt, step }) {
      await step("record", async () => seen.push({ n, attempt }));
    },
  });
  const flaky = defineJob({
    name: "test.flaky",
    schema: z.object({}),
    maxAttempts: 3,
    async run(_p, { attempt }) {
      seen.push({ n: -1, attempt });
      if (failuresLeft-- > 0) throw new Error(`boom ${attempt}`);
    },
  });
  const fatal = defineJob({
    name: "test.fatal",
    schema: z.object({}),
    async run() {
      throw Object.assign(new Error("bad credentials"), { retryable: false });
    },
  });
  const every = defineSchedule({ name: "test.record.hourly", job: "test.record", everySeconds: 3600, payload: { n: 42 } });
  const registry = { jobs: [record, flaky, fatal], schedules: [every] };
  const runner = (extra: Partial<Parameters<typeof startLocalRunner>[0]> = {}) =>
    startLocalRunner({ db: t.db, autoPoll: false, schedules: false, backoff: () => 0, registry, ...extra });
  const row = async (id: string | null) => (await t.db.select().from(jobs).where(eq(jobs.id, id!)))[0]!;

  beforeAll(async () => { t = await createTestDb(); });
  afterAll(async () => { await t?.close(); });
  beforeEach(async () => {
    seen.length = 0;
    failuresLeft = 0;
    await t.db.delete(jobs);
    await t.db.delete(schedules);
  });

  it("runs due jobs to done and leaves future ones pending", async () => {
    const now = await insertJobRow(t.db, { name: "test.record", payload: { n: 1 }, maxAttempts: 5 });
    const later = await insertJobRow(t.db, { name: "test.record", payload: { n: 2 }, maxAttempts: 5, runAt: new Date(Date.now() + 3_600_000) });
    await runner().drain();
    expect(seen).toEqual([{ n: 1, attempt: 1 }]);
    expect(await row(now)).toMatchObject({ status: "done", attempts: 1, lastError: null, lockedAt: null });
    expect((await row(now)).finishedAt).toBeInstanceOf(Date);
    expect(await row(later)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("retries failures with backoff, then succeeds", async () => {
    failuresLeft = 2;
    const id = await insertJobRow(t.db, { name: "test.flaky", payload: {}, maxAttempts: 3 });
    await runner().drain();
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(await row(id)).toMatchObject({ status: "done", attempts: 3 });
  });

  it("gives up after maxAttempts with the last error", async () => {
    failuresLeft = 99;
    const id = await insertJobRow(t.db, { name: "test.flaky", payload: {}, maxAttempts: 3 });
    await runner().drain();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 3, lastError: "boom 3" });
  });

  it("schedules the retry in the future with the real backoff", async () => {
    failuresLeft = 1;
    const id = await insertJobRow(t.db, { name: "test.flaky", payload: {}, maxAttempts: 3 });
    await runner({ backoff: undefined }).drain();
    const r = await row(id);
    expect(r).toMatchObject({ status: "pending", attempts: 1, lastError: "boom 1" });
    expect(r.runAt.getTime()).toBeGreaterThan(Date.now() + 2_000);
  });

  it("stops at once on non-retryable errors, invalid payloads and unknown jobs", async () => {
    const f = await insertJobRow(t.db, { name: "test.fatal", payload: {}, maxAttempts: 5 });
    const bad = await insertJobRow(t.db, { name: "test.record", payload: { n: "x" }, maxAttempts: 5 });
    const unknown = await insertJobRow(t.db, { name: "test.gone", payload: {}, maxAttempts: 5 });
    await runner().drain();
    expect(await row(f)).toMatchObject({ status: "failed", attempts: 1, lastError: "bad credentials" });
    expect(await row(bad)).toMatchObject({ status: "failed", attempts: 1 });
    expect(await row(unknown)).toMatchObject({ status: "failed", lastError: 'Unknown job "test.gone"' });
  });

  it("deduplicates by key while pending, and re-arms a finished key", async () => {
    const a = await insertJobRow(t.db, { name: "test.record", payload: { n: 1 }, key: "k1", maxAttempts: 5 });
    const b = await insertJobRow(t.db, { name: "test.record", payload: { n: 2 }, key: "k1", maxAttempts: 5 });
    expect(a).toBeTruthy();
    expect(b).toBeNull();
    await runner().drain();
    expect(seen.map((s) => s.n)).toEqual([1]);
    const again = await insertJobRow(t.db, { name: "test.record", payload: { n: 3 }, key: "k1", maxAttempts: 5 });
    expect(again).toBe(a);
    await runner().drain();
    expect(seen.map((s) => s.n)).toEqual([1, 3]);
  });

  it("reclaims rows left running by a crashed runner", async () => {
    const id = await insertJobRow(t.db, { name: "test.record", payload: { n: 7 }, maxAttempts: 5 });
    const spent = await insertJobRow(t.db, { name: "test.record", payload: { n: 8 }, maxAttempts: 1 });
    await t.db.update(jobs).set({ status: "running", attempts: 1, lockedAt: sql`now() - interval '20 minutes'` });
    await runner().drain();
    expect(await row(id)).toMatchObject({ status: "done", attempts: 2 });
    expect(await row(spent)).toMatchObject({ status: "failed", attempts: 1 });
    expect(seen.map((s) => s.n)).toEqual([7]);
  });

  it("lets concurrent runners share the queue without running a job twice", async () => {
    for (let n = 0; n < 12; n++) await insertJobRow(t.db, { name: "test.record", payload: { n }, maxAttempts: 5 });
    await Promise.all([runner({ batchSize: 2 }).drain(), runner({ batchSize: 3 }).drain()]);
    expect(seen.map((s) => s.n).sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    expect(seen.every((s) => s.attempt === 1)).toBe(true);
  });

  it("fires a schedule once per interval, across restarts", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await fireDueSchedules(t.db, [every], [record], t0)).toEqual([every.name]);
    // A restart 10 minutes later (a new runner reading the same table) does not fire again.
    expect(await fireDueSchedules(t.db, [every], [record], new Date(t0.getTime() + 600_000))).toEqual([]);
    expect(await fireDueSchedules(t.db, [every], [record], new Date(t0.getTime() + 3_600_000))).toEqual([every.name]);
    const rows = await t.db.select().from(jobs);
    expect(rows).toHaveLength(1); // the second firing found the first still pending: same key
    expect(rows[0]).toMatchObject({ name: "test.record", key: `schedule:${every.name}`, payload: { n: 42 } });
  });

  it("fires cron schedules at their slot", async () => {
    const cron = defineSchedule({ name: "test.record.quarter", job: "test.record", cron: "*/15 * * * *", payload: { n: 1 } });
    expect(await fireDueSchedules(t.db, [cron], [record], new Date("2030-01-01T10:01:00Z"))).toEqual([cron.name]);
    expect(await fireDueSchedules(t.db, [cron], [record], new Date("2030-01-01T10:14:59Z"))).toEqual([]);
    expect(await fireDueSchedules(t.db, [cron], [record], new Date("2030-01-01T10:15:00Z"))).toEqual([cron.name]);
  });

  it("drives schedules and jobs from the polling loop", async () => {
    const r = startLocalRunner({ db: t.db, pollMs: 20, schedules: true, registry });
    await expect.poll(() => seen.map((s) => s.n), { timeout: 5_000 }).toEqual([42]);
    await r.stop();
  });
});
