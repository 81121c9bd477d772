// The Node receiver (what `npm start` answers webhooks with, in front of Next.js) answers every
// delivery exactly as the route handlers do: the same statuses, bodies and headers, the same rows
// stored, through a real node:http server on loopback and a real (PGlite or Postgres) database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEvents } from "@/drizzle/schema";
import { POST as routeReceive } from "@/app/api/webhooks/[provider]/route";
import { POST as routeReceiveOnToken } from "@/app/api/webhooks/[provider]/[token]/route";
import { jobContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { receiveNodeWebhook, webhookTarget } from "./node-receiver";
import { environmentSecret } from "./secrets";

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let server: http.Server;
let base: string;
let connectionId: string;
let databaseDown = false;
const stripe = new Stripe("sk_test_unused");
const ACCOUNT = "acct_node_receiver";

beforeAll(async () => {
  delete process.env.HUB_PROVIDERS;
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  const tenant = await createTenant(db, "Node Receiver Ltd", "owner");
  const [row] = await insertConnections(db, jobContext(tenant.organisationId, "test"), [
    { provider: "stripe", authMode: "api_key", status: "connected", externalAccountId: ACCOUNT },
  ]);
  connectionId = row!.id;
  // server/main.ts's dispatch, with "Next" answering 599 so a request it would get is visible.
  server = http.createServer((req, res) => {
    const target = webhookTarget(req.method, req.url);
    if (target) void receiveNodeWebhook(req, res, target, async () => {
      if (databaseDown) throw new Error("connection refused");
      return db;
    });
    else res.writeHead(599).end("next");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  restore();
  await close();
});

const event = (id: string) => JSON.stringify({ id, object: "event", account: ACCOUNT, type: "customer.created", created: Math.floor(Date.now() / 1000), data: { object: {} } });
const stripeHeaders = (body: string, secret = environmentSecret("stripe")!, timestamp?: number) => ({
  "content-type": "application/json",
  "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }),
  authorization: "Bearer not-to-be-stored",
});

type Answer = { status: number; body: string; headers: Headers };
async function viaNode(path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { method: "POST", body, headers });
  return { status: res.status, body: await res.text(), headers: res.headers };
}
async function viaRoute(path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const [provider, token] = path.replace("/api/webhooks/", "").split("/");
  const req = new Request(`http://hub.test${path}`, { method: "POST", body, headers });
  const res = token === undefined
    ? await routeReceive(req, routeContext({ provider: provider! }))
    : await routeReceiveOnToken(req, routeContext({ provider: provider!, token }));
  return { status: res.status, body: await res.text(), headers: res.headers };
}
const storedFor = (eventId: string) =>
  db.select().from(inboundEvents).where(and(eq(inboundEvents.connectionId, connectionId), eq(inboundEvents.eventId, eventId)));

describe("which requests the Node receiver takes", () => {
  it("takes POSTs to a known provider's receiver (with or without a URL token) and leaves everything else to Next", () => {
    expect(webhookTarget("POST", "/api/webhooks/stripe")).toEqual({ provider: "stripe" });
    expect(webhookTarget("POST", "/api/webhooks/zapier/abc_DEF-123?x=1")).toEqual({ provider: "zapier", token: "abc_DEF-123" });
    expect(webhookTarget("GET", "/api/webhooks/stripe")).toBeNull();
    expect(webhookTarget("POST", "/api/webhooks/events")).toBeNull();
    expect(webhookTarget("POST", "/api/webhooks/events/replay")).toBeNull();
    expect(webhookTarget("POST", "/api/webhooks/nope")).toBeNull();
    expect(webhookTarget("POST", "/api/webhooks/stripe/")).toBeNull();
    expect(webhookTarget("POST", "/api/webhooks/stripe/a/b")).toBeNull();
    expect(webhookTarget("POST", "/api/webhooks/%E0%A4%A")).toBeNull();
    expect(webhookTarget("POST", "/api/connections")).toBeNull();
  });
});

describe("the same answers as the route handlers", () => {
  it("stores a signed delivery once, headers without credentials, and answers a repeat (by either path) as a duplicate", async () => {
    const body = event("evt_node_1");
    const first = await viaNode("/api/webhooks/stripe", body, stripeHeaders(body));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ received: true, duplicate: false });
    const again = await viaRoute("/api/webhooks/stripe", body, stripeHeaders(body));
    const againNode = await viaNode("/api/webhooks/stripe", body, stripeHeaders(body));
    expect([again.status, again.body]).toEqual([200, JSON.stringify({ received: true, duplicate: true })]);
    expect([againNode.status, againNode.body]).toEqual([again.status, again.body]);
    const rows = await storedFor("evt_node_1");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toBe(body);
    expect(rows[0]!.type).toBe("customer.created");
    expect(rows[0]!.headers).toMatchObject({ "stripe-signature": expect.stringMatching(/^t=\d+,v1=/) });
    expect(rows[0]!.headers).not.toHaveProperty("authorization");
  });

  it("refuses alike: bad and stale signatures 401, a signed non-JSON body 400, an unknown URL token 404, over 1 MiB 413, with the same problem bodies", async () => {
    const body = event("evt_node_refused");
    const cases: [string, string, Record<string, string>][] = [
      ["/api/webhooks/stripe", body, stripeHeaders(body, "whsec_wrong")],
      ["/api/webhooks/stripe", body, stripeHeaders(body, undefined, Math.floor(Date.now() / 1000) - 600)],
      ["/api/webhooks/stripe", body, { "content-type": "application/json" }],
      ["/api/webhooks/stripe", "not json", stripeHeaders("not json")],
      ["/api/webhooks/zapier/tok_unknown_0123456789abcdef", "{}", { "content-type": "application/json" }],
      ["/api/webhooks/stripe", JSON.stringify({ pad: "x".repeat(1024 * 1024) }), { "content-type": "application/json" }],
    ];
    const statuses: number[] = [];
    for (const [path, b, headers] of cases) {
      const route = await viaRoute(path, b, headers);
      const node = await viaNode(path, b, headers);
      expect({ path, status: node.status, body: JSON.parse(node.body) }).toEqual({ path, status: route.status, body: JSON.parse(route.body) });
      expect(node.headers.get("content-type")).toBe(route.headers.get("content-type"));
      statuses.push(node.status);
    }
    expect(statuses).toEqual([401, 401, 401, 400, 404, 413]);
    expect(await storedFor("evt_node_refused")).toHaveLength(0);
  });

  it("counts the bytes when no Content-Length says how many: a chunked body over 1 MiB gets 413", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 20; i++) req.write(chunk); // 1.25 MiB
      req.end();
    });
    expect(status).toBe(413);
  });

  it("gives every answer the API's headers (next.config.ts): no caching, the API CSP, no framing", async () => {
    const body = event("evt_node_headers");
    const ok = await viaNode("/api/webhooks/stripe", body, stripeHeaders(body));
    const refused = await viaNode("/api/webhooks/stripe", body, stripeHeaders(body, "whsec_wrong"));
    for (const a of [ok, refused]) {
      expect(a.headers.get("cache-control")).toBe("no-store");
      expect(a.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(a.headers.get("x-frame-options")).toBe("DENY");
      expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("answers 503, never a 500, when the database cannot be reached, and stores nothing", async () => {
    const body = event("evt_node_db_down");
    databaseDown = true;
    let down: Answer;
    try {
      down = await viaNode("/api/webhooks/stripe", body, stripeHeaders(body));
    } finally {
      databaseDown = false;
    }
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({ code: "database_unavailable" });
    expect(await storedFor("evt_node_db_down")).toHaveLength(0);
    const later = await viaNode("/api/webhooks/stripe", body, stripeHeaders(body));
    expect(later.status).toBe(200);
    expect(await storedFor("evt_node_db_down")).toHaveLength(1);
  });
});
