// `npm run bench` (`-- --quick` for the short form CI runs): builds and starts the production app
// and the sandbox on Postgres, runs each scenario against a bare baseline measured in the same
// run, prints a table and writes bench/results/latest.json. Only ratios compare across runs.
import fs from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { generateKey } from "@/lib/crypto";
import { runOutbound } from "./scenarios/outbound";
import { runScreens } from "./scenarios/screens";
import { startStack } from "./servers";

const quick = process.argv.includes("--quick");
const base = process.env.DATABASE_URL;
if (!base) {
  console.error(
    "npm run bench measures the hub on Postgres, as it runs in production: set DATABASE_URL " +
    "(e.g. postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created beside it). " +
    "It refuses to run on the embedded PGlite, whose single connection would measure something else.",
  );
  process.exit(2);
}

// A fresh database for this run, dropped at the end.
const name = `hub_bench_${Date.now()}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;

// One keyring for the hub and this process: the outbound scenario creates endpoints (their secrets
// encrypted) here that the hub's workers sign with.
process.env.HUB_ENCRYPTION_KEYS ??= generateKey(1);

const started = Date.now();
const stack = await startStack(url.toString());
let failed = false;
const results: Record<string, unknown> = {};
try {
  const screens = await runScreens(stack.hub, quick ? { requests: 10, warmup: 2 } : { requests: 100, warmup: 10 });
  results.screens = screens;
  console.log("\nScreens: signed-in pages of the production build vs a bare node:http server sending the same bytes (ms)");
  console.table(screens.map((f) => ({ page: f.path, "ttfb p50": f.ttfbP50, "ttfb p95": f.ttfbP95, "load p95": f.loadP95, "bare p95": f.baselineP95, "ratio": f.ratio })));
  const outbound = await runOutbound(url.toString(), { events: quick ? 20 : 200 });
  results.outbound = outbound;
  console.log("\nOutbound: commit → receipt at 8 healthy receivers beside a slow and a failing one, through the hub's workers, vs bare signed POSTs (ms; per s)");
  console.table([outbound]);
} catch (err) {
  failed = true;
  console.error("[bench] scenario failed:", err instanceof Error ? err.message : err);
} finally {
  stack.stop();
  await new Promise((r) => setTimeout(r, 500));
  await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
  await admin.end();
}

const report = {
  at: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  seconds: Math.round((Date.now() - started) / 1000),
  scenarios: results,
  notYetMeasured: ["inbound ingest (issue 11)", "sync pull (issue 10)", "log APIs over 1,000,000 rows (issues 11 and 12)"],
};
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/latest.json", JSON.stringify(report, null, 2) + "\n");
console.log(`\n[bench] ${failed ? "FAILED" : "done"} in ${report.seconds} s; wrote bench/results/latest.json`);
process.exit(failed ? 1 : 0);
