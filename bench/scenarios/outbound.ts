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
import { createEndpoint } from "@/lib/outbound/endpoints";
import { generateSecret } from "@/lib/outbound/secrets";
import { createTenant } from "@/lib/testing/tenants";
import { percentile, round } from "../stats";

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
  try {
    const tenant = await createTenant(db, `Bench outbound ${withBad ? "mixed" : "healthy"}`, "owner");
    const ctx = userContext(tenant);
    for (const r of [...healthy, ...bad]) await createEndpoint(db, ctx, { url: r.url, eventTypes: ["customer.created"] });
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

/** The outbound scenario: a healthy-only pass, a pass with one slow and one failing receiver, the bare baseline. */
export async function runOutbound(databaseUrl: string, opts: { events: number; timeoutMs?: number }): Promise<OutboundResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const clean = await hubPass(databaseUrl, opts.events, false, timeoutMs);
  const mixed = await hubPass(databaseUrl, opts.events, true, timeoutMs);
  const bare = await barePass(databaseUrl, opts.events);
  return {
    events: opts.events,
    healthyReceivers: 8,
    deliveriesPerSecond: round(mixed.perSecond),
    p50Ms: round(mixed.p50),
    p99Ms: round(mixed.p99),
    baselinePerSecond: round(bare.perSecond),
    baselineP50Ms: round(bare.p50),
    baselineP99Ms: round(bare.p99),
    ratio: round(mixed.perSecond / bare.perSecond, 2),
    p99WithoutBadMs: round(clean.p99),
  };
}
