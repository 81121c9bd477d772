// What `npm start` runs on a Node host: one Node HTTP server with Next.js (the production build in
// NEXT_DIST_DIR, default .next) behind it, and providers' webhooks answered in front of it by
// lib/inbound/node-receiver.ts — the same receiver code as the route handlers, without the
// router's cost per delivery. Bundled into <distDir>/hub-server.mjs by scripts/build.mjs.
// Options as `next start`'s: -p/--port (or PORT, default 3000), -H/--hostname (default 0.0.0.0;
// not HOSTNAME, which containers set to their own name).
import http from "node:http";
import next from "next";
import { getDb } from "@/lib/db/client";
import { receiveNodeWebhook, webhookTarget } from "@/lib/inbound/node-receiver";

function option(flags: string[], env: string | undefined, fallback: string): string {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split("=", 2);
    if (flags.includes(flag!)) return inline ?? args[i + 1] ?? fallback;
  }
  return env || fallback;
}

const port = Number(option(["-p", "--port"], process.env.PORT, "3000"));
const hostname = option(["-H", "--hostname"], undefined, "0.0.0.0");
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`The port must be a whole number from 0 to 65535, not "${port}".`);

const app = next({ dev: false, dir: process.cwd(), hostname, port });
// Runs instrumentation.ts's register(): the database, the demo seed, the job workers.
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const target = webhookTarget(req.method, req.url);
  if (target) void receiveNodeWebhook(req, res, target, getDb);
  else void handle(req, res);
});
// As `next start` keeps connections: providers and load balancers reuse them.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`[hub] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
