// The inbound ingest baseline (issue 13 scenario 1): a bare node:http server doing what the hub's
// receiver must do at least — read the body, check the Stripe signature with the same verifier,
// and one INSERT … ON CONFLICT DO NOTHING into a table of the same database — and nothing else.
// Run as its own process (like `next start`) so it does not share the load generator's event loop.
// Usage: node --import tsx bench/baselines/inbound-server.ts <databaseUrl> <stripe webhook secret>
// Prints `port <n>` on stdout once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { verifyStripe } from "@/lib/inbound/verify/stripe";

const [databaseUrl, secret] = process.argv.slice(2);
if (!databaseUrl || !secret) throw new Error("usage: inbound-server.ts <databaseUrl> <secret>");
// The hub's pool size (lib/db/client.ts), so both sides have as many connections.
const sql = postgres(databaseUrl, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {} });
await sql`create table if not exists bench_inbound_baseline (
  provider text not null, event_id text not null, type text not null, body text not null,
  received_at timestamptz not null default now(), primary key (provider, event_id))`;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    void (async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers = new Headers({ "stripe-signature": String(req.headers["stripe-signature"] ?? "") });
      if (!verifyStripe({ raw, headers, secret, url: req.url ?? "/", method: req.method ?? "POST", now: Date.now() }).ok) {
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(raw) as { id: string; type: string };
      const rows = await sql`insert into bench_inbound_baseline (provider, event_id, type, body)
        values ('stripe', ${event.id}, ${event.type}, ${raw}) on conflict do nothing returning 1`;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ received: true, duplicate: rows.length === 0 }));
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => { server.close(); void sql.end().then(() => process.exit(0)); });
