// Starts what a benchmark needs: the sandbox and the hub's production build (`npm start`'s server:
// Next.js with the webhook receiver in front, server/main.ts) on
// free loopback ports, against the Postgres database the caller names. Children die with us.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/**
 * The Node flags `npm start` runs the hub with (package.json's `start` script), so the bench
 * measures the process as production starts it: `--max-old-space-size=1024` caps V8's heap and,
 * with it, how far the heap grows between major collections (see README, Performance).
 */
export function hubNodeFlags(): string[] {
  const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((arg) => arg.startsWith("--"));
}

/** A free TCP port on loopback (a neighbour of it too, for the sandbox's Stripe and SMTP ports). */
export async function freePort(span = 1): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const ok = await Promise.all(Array.from({ length: span }, (_, k) => portFree(base + k)));
    if (ok.every(Boolean)) return base;
  }
  throw new Error("No free port range found on 127.0.0.1.");
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/** Polls `url` until it answers (any status below 500) or `timeoutMs` passes. */
export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`);
}

export interface Stack {
  hub: string;
  sandbox: string;
  /** Process id of the hub's server (`npm start`: Next.js, its job workers that run syncs and deliveries, the webhook receiver). */
  hubPid: number;
  /** Ends the hub and the sandbox; resolves once they have exited (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Builds the app into `.next-bench` (or BENCH_DIST_DIR; unless BENCH_SKIP_BUILD=1 and a build is
 * there: CI reuses the e2e run's `.next`), then starts
 * the sandbox and the hub server (scripts/start.mjs) with the embedded defaults (demo seed, sandbox providers) on
 * `databaseUrl`.
 */
export async function startStack(databaseUrl: string): Promise<Stack> {
  const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir };
  if (!(process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(`${distDir}/BUILD_ID`))) {
    console.log("[bench] building the production app (next build) …");
    const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
    const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env });
    fs.writeFileSync("tsconfig.json", tsconfig); // next build adds its dist dir to tsconfig: keep the tree clean
    if (r.status !== 0) throw new Error("next build failed");
  }
  // The server in front of Next (server/main.ts): bundled again each run, it follows the source.
  const bundled = spawnSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit", env });
  if (bundled.status !== 0) throw new Error("bundling server/main.ts failed");
  const sandboxPort = await freePort(3);
  const hubPort = await freePort();
  const hub = `http://127.0.0.1:${hubPort}`;
  const sandbox = `http://127.0.0.1:${sandboxPort}`;
  const serverEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    HUB_EMBEDDED: "1",
    HUB_PROVIDERS: "sandbox",
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_STRIPE_PORT: String(sandboxPort + 1),
    SANDBOX_SMTP_PORT: String(sandboxPort + 2),
    SANDBOX_URL: sandbox,
    SANDBOX_STRIPE_URL: `http://127.0.0.1:${sandboxPort + 1}`,
    AUTH_URL: hub,
    HUB_PUBLIC_URL: hub,
    HUB_DATA_DIR: fs.mkdtempSync("/tmp/hub-bench-"),
    // The inbound scenario sends one connection far more than a provider's burst (6,000 a minute
    // by default): the limiter still runs on every delivery, it just never says no here.
    INBOUND_RATE_LIMIT_PER_MINUTE: "100000000",
    // The sync scenario pulls "with no rate limit": it tells the sandbox to enforce none for Xero,
    // and the hub is told the same, as a Xero account with another limit would be. Otherwise the
    // pacer keeps to Xero's real 60 calls a minute and the scenario measures that budget (a
    // 30,000-invoice pull: 9 s of work, then 51 s waiting for the minute's window to reset).
    // The pacer still runs (and counts in Postgres) on every call.
    HUB_RATE_LIMITS: JSON.stringify({ xero: [{ requests: 1_000_000, perSeconds: 60 }] }),
  };
  const children: ChildProcess[] = [];
  const start = (args: string[]) => {
    const child = spawn(process.execPath, args, { env: serverEnv, stdio: ["ignore", "ignore", "inherit"] });
    children.push(child);
    return child;
  };
  const stop = async () => {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    const exited = running.map((c) => new Promise<void>((r) => c.once("exit", () => r())));
    for (const c of running) c.kill("SIGTERM");
    const kill = setTimeout(() => { for (const c of running) if (c.exitCode === null) c.kill("SIGKILL"); }, 10_000);
    await Promise.all(exited);
    clearTimeout(kill);
  };
  process.once("exit", () => { for (const c of children) if (c.exitCode === null) c.kill("SIGKILL"); });
  // BENCH_HUB_CPU_PROF / BENCH_SANDBOX_CPU_PROF=<dir>: that process writes a V8 CPU profile there
  // when it stops (where its time goes).
  const cpuProfile = (dir: string | undefined) => (dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []);
  start([...cpuProfile(process.env.BENCH_SANDBOX_CPU_PROF), "--import", "tsx", "sandbox/main.ts"]);
  const profile = cpuProfile(process.env.BENCH_HUB_CPU_PROF);
  const hubProcess = start([...profile, ...hubNodeFlags(), "scripts/start.mjs", "-p", String(hubPort), "-H", "127.0.0.1"]);
  try {
    await waitFor(`${sandbox}/`, 60_000);
    await waitFor(`${hub}/api/health`, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { hub, sandbox, hubPid: hubProcess.pid!, stop };
}
