// Outbound delivery (issue 12): events committed in the hub's database reach 10 local receivers
// (one slow, one failing) through the hub's own relay and delivery workers; measured from commit
// to receipt, against bare signed POSTs to the same healthy receivers in the same run.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import postgres from "postgres";
import { fetch as undiciFetch, Agent } from "undici";
import { userContext } from "@/lib/auth/access";
import { openDb } from "@/lib/db/client";
import { createCustomer } from "@/lib/db/queries/customers";
import { createEndpoint, updateEndpoint } from "@/lib/outbound/endpoints";
import { generateSecret } from "@/lib/outbound/secrets";
import { createTenant } from "@/lib/testing/tenants";
import { percentile, round } from "../stats";

/**
 * Targets: deliveries per second ≥ half the bare baseline's, and the healthy receivers' p99
 * beside the slow and failing receivers ≤ 1.2 × their p99 without them (the median of the
 * rounds' ratios). 1.2 is the example; the old worker measured 1.12 on a quiet machine
 * (7.5 s vs 6.7 s), so it is loose there. Noise: pass pairs with no bad receivers in either
 * (BENCH_OUTBOUND_NOISE=1) gave 0.98 and 0.53 singly at load average 10–15 on the shared 2-core
 * machine, and 0.63, 0.94, 0.75 (median 0.75) in one 3-round run at load 5 — as wide as the
 * effect being judged, hence the median over 3 alternating rounds; a bound that separates the
 * old worker needs noise runs on a quiet machine.
 */
export const OUTBOUND_TARGETS = { ratio: 0.5, healthyP99Ratio: 1.2 };

export interface OutboundResult {
  events: number;
  healthyReceivers: number;
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  baselinePerSecond: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  /** deliveries per second / baseline per second (target ≥ 0.5). */
  ratio: number;
  /** Healthy receivers' p99 in a run without the slow and failing receivers (the bad ones must not move it much). */
  p99WithoutBadMs: number;
  /** Median over the rounds of (p99 beside the bad receivers / p99 without them) (target ≤ 1.2). */
  p99Ratio: number;
  /** Each round's ratio. */
  p99Ratios: number[];
  targets: { ratio: boolean; healthyP99: boolean };
}

interface Receiver {
  url: string;
  /** customerId → ms timestamp of receipt (first receipt only). */
  got: Map<string, number>;
  close(): Promise<void>;
}

async function receiver(kind: "ok" | "slow" | "failing"): Promise<Receiver> {
  const got = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.timeOrigin + performance.now();
      if (kind === "failing") return void res.writeHead(500).end();
      const id = (JSON.parse(Buffer.concat(chunks).toString()) as { data: { customerId: string } }).data.customerId;
      if (!got.has(id)) got.set(id, at);
      if (kind === "slow") setTimeout(() => res.writeHead(200).end(), 5_000);
      else res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Runs `fn` over `items` with at most `n` at once. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const now = () => performance.timeOrigin + performance.now();

/**
 * One pass: a fresh organisation with an endpoint per receiver, `events` customers created
 * (4 writers at once), wait until every healthy receiver has every event (or `timeoutMs`).
 * The hub's workers (the production server on the same database) do the delivering.
 */
async function hubPass(databaseUrl: string, events: number, withBad: boolean, timeoutMs: number) {
  const { db, close } = await openDb({ url: databaseUrl });
  const healthy = await Promise.all(Array.from({ length: 8 }, () => receiver("ok")));
  const bad = withBad ? [await receiver("slow"), await receiver("failing")] : [];
  const endpointIds: string[] = [];
  // The slow endpoint's backlog (2 tries per 5 s) and the failing one's retries outlive the pass:
  // paused afterwards, so the hub's leftover work does not run beside the next pass.
  let pause = async () => {};
  try {
    const tenant = await createTenant(db, `Bench outbound ${withBad ? "mixed" : "healthy"}`, "owner");
    const ctx = userContext(tenant);
    for (const r of [...healthy, ...bad]) endpointIds.push((await createEndpoint(db, ctx, { url: r.url, eventTypes: ["customer.created"] })).id);
    pause = async () => { for (const id of endpointIds) await updateEndpoint(db, ctx, id, { status: "paused" }); };
    const committed = new Map<string, number>();
    await pool(Array.from({ length: events }, (_, i) => i), 4, async (i) => {
      const c = await createCustomer(db, tenant, { name: `Bench ${i}` });
      committed.set(c.id, now());
    });
    const until = Date.now() + timeoutMs;
    while (healthy.some((r) => r.got.size < events) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const latencies: number[] = [];
    let last = 0;
    for (const r of healthy) {
      for (const [id, at] of r.got) {
        latencies.push(at - committed.get(id)!);
        last = Math.max(last, at);
      }
    }
    const first = Math.min(...committed.values());
    const delivered = latencies.length;
    if (delivered < events * healthy.length) throw new Error(`only ${delivered} of ${events * healthy.length} deliveries arrived within ${timeoutMs / 1000} s`);
    return { perSecond: delivered / ((last - first) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await pause();
    for (const r of [...healthy, ...bad]) await r.close();
    await close();
  }
}

/**
 * The baseline: the same messages signed with standardwebhooks and POSTed straight to 8
 * receivers, 10 at once, each followed by one row update recording it (the least a delivery
 * log can do: rows made beforehand, outside the timing).
 */
async function barePass(databaseUrl: string, events: number) {
  const healthy = await Promise.all(Array.from({ length: 8 }, () => receiver("ok")));
  const dispatcher = new Agent({ connections: 4 });
  const sqlc = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  try {
    const webhook = new Webhook(generateSecret());
    const sends = healthy.flatMap((r, k) => Array.from({ length: events }, (_, i) => ({ r, id: `c${i}`, row: `r${k}_${i}` })));
    await sqlc`create table if not exists bench_bare_deliveries (id text primary key, status text not null, updated_at timestamptz not null default now())`;
    await sqlc`insert into bench_bare_deliveries ${sqlc(sends.map((s) => ({ id: s.row, status: "pending" })))} on conflict (id) do update set status = 'pending'`;
    const started = new Map<string, number>();
    const first = now();
    await pool(sends, 10, async ({ r, id, row }) => {
      const body = JSON.stringify({ type: "customer.created", timestamp: new Date().toISOString(), data: { customerId: id, name: id } });
      const msgId = `msg_${crypto.randomUUID()}`;
      const at = new Date();
      started.set(`${r.url}|${id}`, now());
      const res = await undiciFetch(r.url, {
        method: "POST", body, dispatcher,
        headers: { "content-type": "application/json", "webhook-id": msgId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": webhook.sign(msgId, at, body) },
      });
      await res.arrayBuffer();
      await sqlc`update bench_bare_deliveries set status = ${res.ok ? "succeeded" : "failed"}, updated_at = now() where id = ${row}`;
    });
    const latencies: number[] = [];
    let last = 0;
    for (const r of healthy) for (const [id, at] of r.got) {
      latencies.push(at - started.get(`${r.url}|${id}`)!);
      last = Math.max(last, at);
    }
    return { perSecond: latencies.length / ((last - first) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await sqlc.end();
    await dispatcher.close();
    for (const r of healthy) await r.close();
  }
}

const median = (xs: number[]) => percentile(xs, 50);

/**
 * The outbound scenario: `rounds` pairs of a healthy-only pass and a pass beside one slow and one
 * failing receiver (alternating which goes first), then the bare baseline. Each pass is a burst,
 * so its p99 is mostly the time to drain 8 × `events` deliveries — the healthy receivers' share
 * of the delivery capacity, which is what the bad receivers could take. Figures are medians over
 * the rounds, and the p99 comparison the median of each round's ratio: on a shared machine the
 * load of other work moves a single pass by far more than the bad receivers do.
 */
export async function runOutbound(databaseUrl: string, opts: { events: number; rounds?: number; timeoutMs?: number; noiseOnly?: boolean }): Promise<OutboundResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  // Unmeasured: warms the hub (JIT, connection pools) so the first measured pass is not the cold one.
  await hubPass(databaseUrl, Math.min(opts.events, 20), false, timeoutMs);
  const cleans: Awaited<ReturnType<typeof hubPass>>[] = [];
  const mixeds: Awaited<ReturnType<typeof hubPass>>[] = [];
  for (let round = 0; round < (opts.rounds ?? 1); round++) {
    // noiseOnly (BENCH_OUTBOUND_NOISE=1): the "mixed" passes without the bad receivers too — the
    // p99 comparison's own run-to-run noise, from which its bound is set.
    const clean = () => hubPass(databaseUrl, opts.events, false, timeoutMs).then((r) => void cleans.push(r));
    const mixed = () => hubPass(databaseUrl, opts.events, !opts.noiseOnly, timeoutMs).then((r) => void mixeds.push(r));
    if (round % 2 === 0) { await clean(); await mixed(); } else { await mixed(); await clean(); }
  }
  const bare = await barePass(databaseUrl, opts.events);
  const perSecond = median(mixeds.map((m) => m.perSecond));
  const p99Ratios = mixeds.map((m, i) => round(m.p99 / cleans[i]!.p99, 2));
  const p99Ratio = median(mixeds.map((m, i) => m.p99 / cleans[i]!.p99));
  return {
    events: opts.events,
    healthyReceivers: 8,
    deliveriesPerSecond: round(perSecond),
    p50Ms: round(median(mixeds.map((m) => m.p50))),
    p99Ms: round(median(mixeds.map((m) => m.p99))),
    baselinePerSecond: round(bare.perSecond),
    baselineP50Ms: round(bare.p50),
    baselineP99Ms: round(bare.p99),
    ratio: round(perSecond / bare.perSecond, 2),
    p99WithoutBadMs: round(median(cleans.map((c) => c.p99))),
    p99Ratio: round(p99Ratio, 2),
    p99Ratios,
    targets: {
      ratio: perSecond / bare.perSecond >= OUTBOUND_TARGETS.ratio,
      healthyP99: p99Ratio <= OUTBOUND_TARGETS.healthyP99Ratio,
    },
  };
}
