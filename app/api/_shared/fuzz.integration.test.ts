import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/local/boss";
import type { Tenant } from "@/lib/auth/tenant";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { apiRequest, fillTemplate, jsonKeys, routeContext, templateParams, useTestApiRuntime } from "@/lib/testing/api";
import { loadApiRoutes, METHODS, type LoadedRoute } from "@/lib/testing/api-routes";

// Property-based fuzzing (fast-check): random JSON, NUL bytes, lone surrogates, impossible dates,
// huge and non-finite numbers, in bodies, queries and path ids, against every loaded /api handler.
// A fixed seed and a bounded number of runs keep it reproducible; on failure fast-check shrinks
// the input to a minimal case and prints the seed and path to replay it.
const SEED = 20261130;
const RUNS = 200;

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let alice: Tenant;
let routes: LoadedRoute[];
let customerId: string;
let invoiceId: string;
let endpointId: string;
let doomedEndpointId: string;
let eventId: string;
let deliveryId: string;

/** The id a route's `[id]` takes: a real row of its kind, so valid input reaches the queries. */
function idFor(template: string, method: string): string {
  if (template.startsWith("/api/customers")) return customerId;
  if (template.startsWith("/api/webhook-endpoints")) return method === "DELETE" ? doomedEndpointId : endpointId;
  if (template.startsWith("/api/events")) return eventId;
  if (template.startsWith("/api/webhook-deliveries")) return deliveryId;
  return invoiceId;
}

/** Bodies that pass validation per route, so mutations reach the queries and the database. */
function validBodies(): Record<string, Record<string, unknown>> {
  return {
    "POST /api/customers": { name: "Fuzz", currency: "USD", email: "f@z.test" },
    "PATCH /api/customers/[id]": { name: "Fuzz 2", address: "1 Road" },
    "POST /api/invoices": { customerId, issueDate: "2026-01-01", dueDate: "2026-02-01", lines: [{ description: "x", quantity: 1, unitPrice: 100 }] },
    "PATCH /api/invoices/[id]": { notes: "n", dueDate: "2026-03-01" },
    "POST /api/invoices/[id]/payments": { amount: 1, paidAt: "2026-01-02", method: "card" },
    "POST /api/organisations": { name: "Fuzz Org" },
    "POST /api/organisations/switch": { organisationId: alice.organisationId },
    "POST /api/integrations/[provider]/connect": { secretKey: "sk_test_fuzz" },
    "PATCH /api/integrations/[provider]": { label: "Fuzz", limit: 3, on: true },
    "POST /api/integrations/[provider]/tenant": { tenantIds: ["t1", "t2"] },
    "PATCH /api/connections/[id]": { displayName: "Fuzz", settings: { label: "x" }, isDefault: true },
    "PUT /api/connections/[id]/webhook": { signingSecret: "whsec_fuzz" },
    "POST /api/webhooks/events/replay": { ids: [invoiceId] },
    "POST /api/webhook-endpoints": { url: "http://127.0.0.1:9/fuzz-hook", description: "Fuzz", eventTypes: ["customer.created"], headers: { "X-Fuzz": "1" } },
    "PATCH /api/webhook-endpoints/[id]": { description: "Fuzz 2", status: "active", eventTypes: ["*"] },
    "POST /api/webhook-endpoints/[id]/secret/rotate": { secret: `whsec_${Buffer.alloc(32, 3).toString("base64")}` },
    "POST /api/webhook-endpoints/[id]/test": { type: "customer.created" },
    "POST /api/webhook-endpoints/[id]/recover": { since: "2026-01-01T00:00:00Z" },
    "POST /api/events/[id]/resend": { endpointId },
  };
}

// A sentinel replaced by a number literal JSON.stringify cannot write (it parses to Infinity).
const HUGE = "__HUGE_NUMBER__";
/** Values known to break naive handlers; the sweep puts each into every field of every route. */
const NASTY_VALUES: unknown[] = [
  "\u0000", "a\u0000b", "\ud800", "x\udfffy", "0000-01-01", "9999-12-31", "2026-02-30", "-infinity", "", " ", "null", HUGE,
  "x".repeat(5000), 1e308, -1e308, 2 ** 63, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -1, 0, 0.5, 1e-300, 9_999_999_999.99,
  true, null, [], {}, ["a"], { a: 1 },
];
const nasty = fc.oneof(
  fc.constantFrom(...NASTY_VALUES),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A body: random JSON, or a valid body with one leaf (or a new key) replaced by something nasty. */
const bodyArb = (valid: Record<string, unknown> | undefined) =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ key: fc.constantFrom(...Object.keys(valid ?? { name: 1 }), "lines", "organisationId", "status", "extra"), value: nasty })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.record({ value: nasty }).map(({ value }) => ({ ...valid, lines: [{ description: value, quantity: value, unitPrice: value }] })),
  ).map((b) => JSON.stringify(b).replaceAll(`"${HUGE}"`, "1e400"));

const queryArb = fc.dictionary(fc.constantFrom("q", "limit", "offset", "status", "customerId", "x"), fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("\u0000", "-1", "1e400", "999999999999")), { maxKeys: 3 });
const idArb = (valid: string) => fc.oneof(fc.constant(valid), fc.constantFrom("\u0000", "\ud800", "%00", "../x", "x".repeat(500), ""), fc.string({ unit: "binary", maxLength: 10 }));

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  alice = await createTenant(db, "Fuzz Ltd", "owner");
  ({ loaded: routes } = await loadApiRoutes());
  const post = (t: string) => routes.find((r) => r.template === t)!.handlers.POST!;
  const c = await post("/api/customers")(apiRequest("POST", "/api/customers", { userId: alice.userId, body: { name: "Base" } }));
  customerId = ((await c.json()) as { data: { id: string } }).data.id;
  const i = await post("/api/invoices")(apiRequest("POST", "/api/invoices", {
    userId: alice.userId, body: { customerId, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 100000 }] },
  }));
  invoiceId = ((await i.json()) as { data: { id: string } }).data.id;
  const endpoint = (body: unknown) => post("/api/webhook-endpoints")(apiRequest("POST", "/api/webhook-endpoints", { userId: alice.userId, body }))
    .then(async (res) => ((await res.json()) as { data: { id: string } }).data.id);
  endpointId = await endpoint({ url: "http://127.0.0.1:9/fuzz-hook", eventTypes: ["*"] });
  doomedEndpointId = await endpoint({ url: "http://127.0.0.1:9/fuzz-doomed", eventTypes: ["*"] });
  const test = await post("/api/webhook-endpoints/[id]/test")(
    apiRequest("POST", `/api/webhook-endpoints/${endpointId}/test`, { userId: alice.userId, body: { type: "customer.created" } }), routeContext({ id: endpointId }));
  deliveryId = ((await test.json()) as { data: { deliveryId: string } }).data.deliveryId;
  eventId = (await db.select({ id: outboxEvents.id }).from(outboxEvents).limit(1))[0]!.id;
});
afterAll(async () => {
  restore();
  await stopBoss(db, { graceful: false });
  await close();
});

/** Every (route, method) pair that a test can call. */
const targets = () => routes.flatMap((r) => METHODS.filter((m) => r.handlers[m]).map((m) => ({ route: r, method: m })));

async function expectNo5xx(label: string, res: Response) {
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expect(res.headers.get("content-type"), label).toBe("application/problem+json");
  if (text) expect([...jsonKeys(JSON.parse(text))].filter((k) => k === "organisationId" || k === "credentials"), label).toEqual([]);
}

/** Every leaf path of a JSON value (`lines.0.unitPrice`). */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

/** A copy of `value` with the leaf at `path` replaced. */
function withLeaf(value: unknown, path: string[], leaf: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  path.slice(0, -1).forEach((k) => { cur = cur[k] as Record<string, unknown>; });
  cur[path[path.length - 1]!] = leaf;
  return copy;
}

const paramsFor = (route: LoadedRoute, id: string) =>
  Object.fromEntries(templateParams(route.template).map((p) => [p, p === "provider" ? "stripe" : id]));

describe("fuzzing every /api route", () => {
  it("never answers 5xx when any field, query value or path id holds a hostile value (exhaustive sweep)", async () => {
    const valid = validBodies();
    let calls = 0;
    for (const { route, method } of targets()) {
      const label = `${method} ${route.template}`;
      const id = idFor(route.template, method);
      const call = async (body: unknown, query: Record<string, string>, params = paramsFor(route, id)) => {
        const raw = body === undefined ? undefined : JSON.stringify(body).replaceAll(`"${HUGE}"`, "1e400");
        const url = `${fillTemplate(route.template, params)}?${new URLSearchParams(query)}`;
        const req = apiRequest(method, url, { userId: alice.userId, body: raw, headers: raw ? { "content-type": "application/json" } : {} });
        calls++;
        await expectNo5xx(`${label} ${url} ${raw?.slice(0, 200)}`, await route.handlers[method]!(req, routeContext(params)));
      };
      const body = method === "GET" ? undefined : (valid[label] ?? {});
      if (body) for (const path of leafPaths(body)) for (const v of NASTY_VALUES) await call(withLeaf(body, path, v), {});
      if (method === "GET") {
        for (const key of ["q", "limit", "offset", "status", "customerId"]) {
          for (const v of NASTY_VALUES.filter((x): x is string => typeof x === "string")) await call(undefined, { [key]: v });
        }
      }
      if (templateParams(route.template).includes("id")) {
        for (const v of ["\u0000", "\ud800", "%00", "x".repeat(500), "", " ", "0000-01-01"]) await call(body, {}, paramsFor(route, v));
      }
    }
    expect(calls).toBeGreaterThan(300);
  }, 300_000);

  it("never answers 5xx to random, hostile or oversized input", async () => {
    const list = targets();
    expect(list.length).toBeGreaterThanOrEqual(11);
    const valid = validBodies();
    const target = fc.integer({ min: 0, max: list.length - 1 }).chain((n) => {
      const { route, method } = list[n]!;
      const label = `${method} ${route.template}`;
      return fc.record({
        n: fc.constant(n),
        body: method === "GET" ? fc.constant(undefined) : bodyArb(valid[label]),
        query: queryArb,
        id: idArb(idFor(route.template, method)),
        contentType: fc.constantFrom("application/json", "application/json", "application/json", "text/plain", undefined),
      });
    });
    await fc.assert(
      fc.asyncProperty(target, async ({ n, body, query, id, contentType }) => {
        const { route, method } = list[n]!;
        const params = Object.fromEntries(templateParams(route.template).map((p) => [p, p === "provider" ? "stripe" : id]));
        const url = `${fillTemplate(route.template, params)}?${new URLSearchParams(query)}`;
        const req = apiRequest(method, url, {
          userId: alice.userId, body, headers: contentType && body !== undefined ? { "content-type": contentType } : {},
        });
        await expectNo5xx(`${method} ${url} ${body?.slice(0, 200)}`, await route.handlers[method]!(req, routeContext(params)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);

  it("answers a 2 MB body to every writing route with 413, never 5xx", async () => {
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
    for (const { route, method } of targets().filter((t) => t.method !== "GET")) {
      const params = Object.fromEntries(templateParams(route.template).map((p) => [p, p === "provider" ? "stripe" : idFor(route.template, method)]));
      const req = apiRequest(method, fillTemplate(route.template, params), { userId: alice.userId, body: big, headers: { "content-type": "application/json" } });
      const res = await route.handlers[method]!(req, routeContext(params));
      expect(res.status, `${method} ${route.template}`).toBe(413);
    }
  });
});
