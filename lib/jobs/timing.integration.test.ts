import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb } from "@/lib/testing/db";
import { defineJob } from "./define";
import { getBoss } from "./local/boss";
import { executeRows } from "./local/rows";
import { sendLocal } from "./local/send";
import type { LocalJobs } from "./local/worker";
import { jobState, startTestJobs, waitFor } from "./testing";

const POLL_S = 0.5;

describe("embedded driver (pg-boss): slots, leases and Retry-After", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let jobs: LocalJobs;
  const started = new Map<string, number[]>();
  const finished = new Map<string, number>();
  let releaseLong: () => void = () => undefined;
  const mark = (id: string) => started.set(id, [...(started.get(id) ?? []), Date.now()]);

  // One queue for long and short work: a 60 s job holds one of its four slots.
  const work = defineJob({
    name: "test.work",
    schema: z.object({ id: z.string(), ms: z.number() }),
    async run({ id, ms }) {
      mark(id);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, ms);
        if (ms >= 60_000) releaseLong = () => (clearTimeout(timer), r());
      });
      finished.set(id, Date.now());
    },
  });
  const rateLimited = defineJob({
    name: "test.rate-limited",
    schema: z.object({ id: z.string() }),
    async run({ id }) {
      mark(id);
      // The connection layer's RATE_LIMITED IntegrationError has this shape.
      if (started.get(id)!.length === 1) throw Object.assign(new Error("429"), { code: "RATE_LIMITED", retryAfterSeconds: 7 });
    },
  });
  const registry = { jobs: [work, rateLimited], schedules: [] };

  beforeAll(async () => {
    t = await createTestDb();
    jobs = await startTestJobs(t.db, { connectionString: t.url, registry, localConcurrency: 4, pollingIntervalSeconds: POLL_S });
  }, 180_000); // PGlite migrations alone can take most of a minute on a loaded machine
  afterAll(async () => {
    releaseLong();
    await jobs?.stop({ graceful: false });
    await t?.close();
  });

  it("runs 50 short jobs beside a 60 s job without waiting on it (slots refill at once)", async () => {
    const boss = await getBoss(t.db);
    await sendLocal(boss, work, { id: "long", ms: 60_000 });
    await waitFor(() => started.has("long"));
    await Promise.all(Array.from({ length: 50 }, (_, i) => sendLocal(boss, work, { id: `s${i}`, ms: 5 })));
    // Measured from when the sends are in (on PGlite they queue behind each other on one connection).
    const t0 = Date.now();
    await waitFor(() => Array.from({ length: 50 }, (_, i) => finished.has(`s${i}`)).every(Boolean), { timeoutMs: 30_000 });
    const last = Math.max(...Array.from({ length: 50 }, (_, i) => finished.get(`s${i}`)!));
    const firstStart = Math.min(...Array.from({ length: 50 }, (_, i) => started.get(`s${i}`)![0]!));
    // The first short job starts within one poll of the sends …
    expect(firstStart - t0).toBeLessThanOrEqual(POLL_S * 1000 + 500);
    // … and a freed slot takes the next job at once instead of after a poll each: 50 jobs on
    // three free slots would need 50/3 × 0.5 s ≈ 8 s if each waited a poll.
    expect(last - t0).toBeLessThan(5_000);
    expect(finished.has("long")).toBe(false);
    releaseLong();
  }, 60_000);

  it("keeps the lease of a job that outlives its first heartbeat: it runs once", async () => {
    const boss = await getBoss(t.db);
    // heartbeatSeconds is 10 here: 22 s is two heartbeats and more past the first.
    const id = await sendLocal(boss, work, { id: "slow", ms: 22_000 });
    await waitFor(async () => (await jobState(t.db, id!))?.state === "completed", { timeoutMs: 50_000 });
    expect(started.get("slow")).toHaveLength(1);
    expect((await jobState(t.db, id!))?.retry_count).toBe(0);
  }, 60_000);

  it("delays the retry of an error with retryAfterSeconds 7 by 7 s", async () => {
    const boss = await getBoss(t.db);
    const id = await sendLocal(boss, rateLimited, { id: "r1" });
    await waitFor(async () => (await jobState(t.db, id!))?.state === "completed", { timeoutMs: 30_000 });
    const [first, second] = started.get("r1")!;
    const gap = (second! - first!) / 1000;
    // Exactly 7 s in pg-boss; our side adds at most one poll and the fail/fetch round trips.
    expect(gap).toBeGreaterThanOrEqual(7);
    expect(gap).toBeLessThan(7 + POLL_S + 1.5);
  }, 40_000);
});

// Postgres only (CI runs the suite on both): a second process cannot open an in-memory PGlite.
const onPostgres = process.env.DATABASE_URL ? describe : undefined;

onPostgres?.("a worker process killed mid-job (kill -9)", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let child: ChildProcess | undefined;
  let jobs: LocalJobs | undefined;
  const runs = () => executeRows<{ n: number; attempt: number; pid: number }>(t.db, sql`select n, attempt, pid from crash_runs order by attempt`);
  // The same job as the child's, but this worker finishes it.
  const crashy = defineJob({
    name: "test.crashy",
    schema: z.object({ n: z.number() }),
    maxAttempts: 3,
    async run({ n }, { attempt }) {
      await t.db.execute(sql`insert into crash_runs (n, attempt, pid) values (${n}, ${attempt}, ${process.pid})`);
    },
  });

  beforeAll(async () => {
    t = await createTestDb();
    await t.db.execute(sql`create table crash_runs (n int, attempt int, pid int)`);
  }, 180_000); // a fresh database can take most of a minute on a loaded machine
  afterAll(async () => {
    child?.kill("SIGKILL");
    await jobs?.stop({ graceful: false });
    await t?.close();
  });

  it("has its job resumed once by another worker", async () => {
    const boss = await getBoss(t.db, { connectionString: t.url, heartbeatSeconds: 10, monitorIntervalSeconds: 1 });
    const id = await sendLocal(boss, crashy, { n: 1 });
    child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "fixtures/crash-worker.ts"), t.url!], {
      cwd: process.cwd(), stdio: "ignore",
    });
    const [first] = await waitFor(async () => ((await runs()).length ? runs() : null), { timeoutMs: 30_000 });
    expect(first).toMatchObject({ attempt: 1, pid: child.pid });
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));

    jobs = await startTestJobs(t.db, { connectionString: t.url, registry: { jobs: [crashy], schedules: [] } });
    await waitFor(async () => (await jobState(t.db, id!))?.state === "completed", { timeoutMs: 40_000 });
    const all = await runs();
    expect(all.map((r) => r.attempt)).toEqual([1, 2]);
    expect(all[1]!.pid).toBe(process.pid);
    expect((await jobState(t.db, id!))?.retry_count).toBe(1);
  }, 90_000);
});
