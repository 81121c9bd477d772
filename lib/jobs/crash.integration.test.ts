import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb } from "@/lib/testing/db";
import { defineJob } from "./define";
import { getBoss } from "./local/boss";
import { executeRows } from "./local/rows";
import { sendLocal } from "./local/send";
import type { LocalJobs } from "./local/worker";
import { jobState, startTestJobs, waitFor } from "./testing";
import { sql } from "drizzle-orm";

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
