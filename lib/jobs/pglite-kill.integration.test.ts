import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "./testing";

// PGlite is one process owning its data directory, so the two workers take turns on a
// file-backed directory: the first is killed mid-job, the second opens what it left behind.
// Runs whatever DATABASE_URL says (the Postgres variant is in timing.integration.test.ts).
describe("a PGlite worker process killed mid-job (kill -9)", () => {
  const fixture = path.join(import.meta.dirname, "fixtures/pglite-crash-worker.ts");
  const worker = (dir: string, ...args: string[]) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, dir, ...args], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    return { child, out: () => out };
  };
  let dir: string | undefined;
  const spawned: ReturnType<typeof worker>[] = [];
  afterAll(async () => {
    for (const { child } of spawned) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("has its job resumed once by the next process on the same data directory", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "hub-pglite-kill-"));
    const first = worker(dir, "crash");
    spawned.push(first);
    // "started" is printed after the run's row committed; the job then works for a minute.
    await waitFor(() => /sent (\S+)[\s\S]*started/.test(first.out()) || first.child.exitCode !== null, { timeoutMs: 120_000 });
    const jobId = /sent (\S+)/.exec(first.out())?.[1];
    expect(first.child.exitCode).toBeNull();
    expect(jobId).toBeTruthy();
    first.child.kill("SIGKILL");
    const [, signal] = (await once(first.child, "exit")) as [number | null, string | null];
    expect(signal).toBe("SIGKILL");

    const second = worker(dir, "resume", jobId!);
    spawned.push(second);
    const [code] = (await once(second.child, "exit")) as [number | null];
    expect(code).toBe(0);
    const result = JSON.parse(second.out().trim().split("\n").at(-1)!) as {
      runs: { n: number; attempt: number; pid: number }[];
      job: { state: string; retry_count: number };
    };
    expect(result.runs.map((r) => r.attempt)).toEqual([1, 2]);
    expect(result.runs.map((r) => r.pid)).toEqual([first.child.pid, second.child.pid]);
    expect(result.job).toMatchObject({ state: "completed", retry_count: 1 });
  }, 240_000);
});
