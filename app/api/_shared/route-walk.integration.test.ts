import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Tenant } from "@/lib/auth/tenant";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { apiRequest, fillTemplate, jsonKeys, routeContext, templateParams, useTestApiRuntime } from "@/lib/testing/api";
import { loadApiRoutes, type LoadedRoute } from "@/lib/testing/api-routes";
import { consent } from "@/lib/connections/test-support";
import Stripe from "stripe";
import { sandboxApps, sandboxStripeAccounts } from "@/sandbox/config";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import type { z } from "zod";
import { customerListResponse, customerResponse } from "@/lib/api/schemas/customers";
import { invoiceListResponse, invoiceResponse, paymentCreatedResponse, paymentListResponse } from "@/lib/api/schemas/invoices";
import { apiKeyCreatedResponse, apiKeyListResponse, apiKeyResponse } from "@/lib/api/schemas/api-keys";
import { organisationListResponse, organisationResponse, organisationSwitchResponse } from "@/lib/api/schemas/organisations";
import {
  authorizationResponse, catalogResponse, connectionListResponse, connectionLogsResponse, connectionResponse, disconnectResponse,
  healthResultResponse, integrationStatusResponse, pendingAccountListResponse,
} from "@/lib/api/schemas/integrations";
import { inboundEventDetailResponse, inboundEventListResponse, replayResponse, webhookSettingsResponse } from "@/lib/api/schemas/inbound";
import {
  attemptListResponse, deletedResponse, endpointListResponse, endpointResponse, eventListResponse, noticeListResponse, noticeReadResponse,
  recoverResponse, resendResponse, retryResponse, secretResponse, statsResponse, testEventResponse,
} from "@/lib/api/schemas/outbound";
import { stopBoss } from "@/lib/jobs/local/boss";
import { addNotice } from "@/lib/outbound/notices";
import { defaultMappings } from "@/lib/sync/default-mappings";
import {
  conflictListResponse, mappingListResponse, mappingPreviewResponse, mappingResponse, syncRunDetailResponse, syncRunListResponse, syncRunResponse,
  syncSettingsResponse, syncStartedResponse, syncStatusResponse,
} from "@/lib/api/schemas/sync";

// Walks every app/api/**/route.ts it can call, after creating data through the API itself, and
// fails when any JSON answer carries an internal column or a secret.
const FORBIDDEN_KEYS = ["organisationId", "organisation_id", "credentials"];

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let sandbox: RunningSandbox;
let alice: Tenant;
let routes: LoadedRoute[];
let failed: { template: string; error: string }[];
let apiKeySecret: string;
const answers: { label: string; status: number; json: unknown }[] = [];

async function record(label: string, res: Response) {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  answers.push({ label, status: res.status, json });
  return { status: res.status, json: json as { data?: unknown } };
}

const handler = (template: string, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE") => {
  const h = routes.find((r) => r.template === template)?.handlers[method];
  if (!h) throw new Error(`${method} ${template} is not loaded`);
  return h;
};

beforeAll(async () => {
  // The providers' sandbox in-process on free ports: connecting goes through the real HTTP flow.
  sandbox = await startSandbox({ port: 0, stripePort: 0, smtpPort: 0 });
  process.env.SANDBOX_URL = sandbox.origin;
  process.env.SANDBOX_STRIPE_URL = sandbox.stripeOrigin;
  delete process.env.HUB_PROVIDERS;
  delete process.env.HUB_PROVIDER_URLS;
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  alice = await createTenant(db, "Walk Ltd", "owner");
  ({ loaded: routes, failed } = await loadApiRoutes());

  // Data for every GET to find, created through the API so the write answers are checked too.
  const u = { userId: alice.userId };
  const customer = await record("POST /api/customers", await handler("/api/customers", "POST")(
    apiRequest("POST", "/api/customers", { ...u, body: { name: "Walk Customer", email: "a@b.test" } })));
  const customerId = (customer.json.data as { id: string }).id;
  await record("PATCH /api/customers/[id]", await handler("/api/customers/[id]", "PATCH")(
    apiRequest("PATCH", `/api/customers/${customerId}`, { ...u, body: { phone: "123" } }), routeContext({ id: customerId })));
  const invoice = await record("POST /api/invoices", await handler("/api/invoices", "POST")(apiRequest("POST", "/api/invoices", {
    ...u, body: { customerId, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "Work", quantity: 2, unitPrice: 500 }] },
  })));
  const invoiceId = (invoice.json.data as { id: string }).id;
  await record("POST /api/invoices/[id]/payments", await handler("/api/invoices/[id]/payments", "POST")(
    apiRequest("POST", `/api/invoices/${invoiceId}/payments`, { ...u, body: { amount: 300, paidAt: "2026-01-05" } }), routeContext({ id: invoiceId })));
  await record("PATCH /api/invoices/[id]", await handler("/api/invoices/[id]", "PATCH")(
    apiRequest("PATCH", `/api/invoices/${invoiceId}`, { ...u, body: { notes: "Thanks" } }), routeContext({ id: invoiceId })));
  await record("POST /api/organisations", await handler("/api/organisations", "POST")(
    apiRequest("POST", "/api/organisations", { ...u, body: { name: "Second Org" } })));
  await record("POST /api/organisations/switch", await handler("/api/organisations/switch", "POST")(
    apiRequest("POST", "/api/organisations/switch", { ...u, body: { organisationId: alice.organisationId } })));
  await connectThroughTheApi();
  // Two API keys: one kept (the key list then has rows), one revoked.
  const key = await record("POST /api/api-keys", await handler("/api/api-keys", "POST")(
    apiRequest("POST", "/api/api-keys", { ...u, body: { name: "Walk key", role: "admin" } })));
  apiKeySecret = (key.json.data as { secret: string }).secret;
  const gone = await handler("/api/api-keys", "POST")(apiRequest("POST", "/api/api-keys", { ...u, body: { name: "Walk revoked" } }));
  const goneId = ((await gone.json()) as { data: { id: string } }).data.id;
  await record("DELETE /api/api-keys/[id]", await handler("/api/api-keys/[id]", "DELETE")(
    apiRequest("DELETE", `/api/api-keys/${goneId}`, u), routeContext({ id: goneId })));
  await receiveAWebhook();
  await outboundThroughTheApi();
}, 180_000); // a fresh PGlite, the sandbox and pg-boss (the outbound routes queue jobs) on a loaded machine
afterAll(async () => {
  restore();
  await stopBoss(db, { graceful: false });
  await close();
  await sandbox?.close();
});

/**
 * Connects two Stripe accounts (keys) and both sandbox Xero tenants (OAuth, then the tenant
 * choice), edits, tests and disconnects some of them, all through the integration routes, so
 * their write answers are walked too and the GETs find connections, logs and statuses.
 */
async function connectThroughTheApi() {
  const u = { userId: alice.userId };
  const p = (provider: string) => routeContext({ provider });
  const [stripeA, stripeB] = sandboxStripeAccounts;
  const stripe1 = await record("POST /api/integrations/[provider]/connect", await handler("/api/integrations/[provider]/connect", "POST")(
    apiRequest("POST", "/api/integrations/stripe/connect", { ...u, body: { secretKey: stripeA.secretKey } }), p("stripe")));
  await record("POST /api/integrations/[provider]/connect (second account)", await handler("/api/integrations/[provider]/connect", "POST")(
    apiRequest("POST", "/api/integrations/stripe/connect", { ...u, body: { secretKey: stripeB.secretKey } }), p("stripe")));
  const patched = await record("PATCH /api/integrations/[provider]", await handler("/api/integrations/[provider]", "PATCH")(
    apiRequest("PATCH", "/api/integrations/stripe", { ...u, body: { payoutLabel: "WALK" } }), p("stripe")));
  expect(patched.status).toBe(200);
  // Settings are plaintext: a key naming a secret is refused, and the answer names the field.
  const secret = await handler("/api/integrations/[provider]", "PATCH")(
    apiRequest("PATCH", "/api/integrations/stripe", { ...u, body: { apiKey: "x" } }), p("stripe"));
  expect(secret.status).toBe(400);
  expect(await secret.json()).toMatchObject({ code: "invalid_input", errors: [{ in: "body", path: "apiKey", message: expect.stringMatching(/secret/) }] });
  await record("POST /api/integrations/[provider]/test", await handler("/api/integrations/[provider]/test", "POST")(
    apiRequest("POST", "/api/integrations/stripe/test", u), p("stripe")));
  const stripe1Id = (stripe1.json.data as { id: string }).id;
  await record("POST /api/connections/[id]/test", await handler("/api/connections/[id]/test", "POST")(
    apiRequest("POST", `/api/connections/${stripe1Id}/test`, u), routeContext({ id: stripe1Id })));
  await record("DELETE /api/integrations/[provider]", await handler("/api/integrations/[provider]", "DELETE")(
    apiRequest("DELETE", "/api/integrations/stripe", u), p("stripe")));

  const start = await record("POST /api/integrations/[provider]/connect (OAuth)", await handler("/api/integrations/[provider]/connect", "POST")(
    apiRequest("POST", "/api/integrations/xero/connect", u), p("xero")));
  const query = await consent((start.json.data as { redirectUrl: string }).redirectUrl, "allow");
  const callback = await handler("/api/integrations/[provider]/oauth/callback", "GET")(
    apiRequest("GET", `/api/integrations/xero/oauth/callback?${new URLSearchParams(query)}`, u), p("xero"));
  expect(callback.status).toBe(303);
  expect(new URL(callback.headers.get("location")!).pathname).toBe("/integrations/xero/choose-tenant");
  const pending = await record("GET /api/integrations/[provider]/tenant (pending)", await handler("/api/integrations/[provider]/tenant", "GET")(
    apiRequest("GET", "/api/integrations/xero/tenant", u), p("xero")));
  const tenantIds = (pending.json.data as { id: string }[]).map((a) => a.id);
  expect(tenantIds).toHaveLength(2);
  const chosen = await record("POST /api/integrations/[provider]/tenant", await handler("/api/integrations/[provider]/tenant", "POST")(
    apiRequest("POST", "/api/integrations/xero/tenant", { ...u, body: { tenantIds } }), p("xero")));
  const [xero1, xero2] = chosen.json.data as { id: string; isDefault: boolean }[];
  const second = xero1!.isDefault ? xero2! : xero1!;
  await record("PATCH /api/connections/[id]", await handler("/api/connections/[id]", "PATCH")(
    apiRequest("PATCH", `/api/connections/${second.id}`, { ...u, body: { displayName: "Walk US" } }), routeContext({ id: second.id })));
  await record("DELETE /api/connections/[id]", await handler("/api/connections/[id]", "DELETE")(
    apiRequest("DELETE", `/api/connections/${second.id}`, u), routeContext({ id: second.id })));
  await startAndCancelSyncs(xero1!.isDefault ? xero1!.id : xero2!.id);
}

/** The Xero connection and a sync run the sync routes are walked with. */
const syncFixture = { connectionId: "", runId: "" };

/**
 * "Sync now" on the provider route and on the connection route, each run cancelled while still
 * queued (no worker runs here), and a retry of a run without failures (409).
 */
async function startAndCancelSyncs(connectionId: string) {
  const u = { userId: alice.userId };
  const p = routeContext({ provider: "xero" });
  const started = await record("POST /api/integrations/[provider]/sync", await handler("/api/integrations/[provider]/sync", "POST")(
    apiRequest("POST", "/api/integrations/xero/sync", { ...u, body: { entity: "customers" } }), p));
  const runId = (started.json.data as { runId: string }).runId;
  await record("POST /api/integrations/[provider]/sync/runs/[runId]/cancel", await handler("/api/integrations/[provider]/sync/runs/[runId]/cancel", "POST")(
    apiRequest("POST", `/api/integrations/xero/sync/runs/${runId}/cancel`, u), routeContext({ provider: "xero", runId })));
  const again = await record("POST /api/connections/[id]/sync", await handler("/api/connections/[id]/sync", "POST")(
    apiRequest("POST", `/api/connections/${connectionId}/sync`, { ...u, body: { mode: "full" } }), routeContext({ id: connectionId })));
  const second = (again.json.data as { runId: string }).runId;
  await record("POST /api/connections/[id]/sync/runs/[runId]/cancel", await handler("/api/connections/[id]/sync/runs/[runId]/cancel", "POST")(
    apiRequest("POST", `/api/connections/${connectionId}/sync/runs/${second}/cancel`, u), routeContext({ id: connectionId, runId: second })));
  await record("POST /api/integrations/[provider]/sync/runs/[runId]/retry", await handler("/api/integrations/[provider]/sync/runs/[runId]/retry", "POST")(
    apiRequest("POST", `/api/integrations/xero/sync/runs/${runId}/retry`, u), routeContext({ provider: "xero", runId })));
  await record("POST /api/connections/[id]/sync/runs/[runId]/retry", await handler("/api/connections/[id]/sync/runs/[runId]/retry", "POST")(
    apiRequest("POST", `/api/connections/${connectionId}/sync/runs/${second}/retry`, u), routeContext({ id: connectionId, runId: second })));
  // The Sync tab's settings and mapping writes (a preview reads three real records from the sandbox).
  const put = (template: string, url: string, body: unknown, params: Record<string, string>) =>
    handler(template, "PUT")(apiRequest("PUT", url, { ...u, body }), routeContext(params)).then(async (res) => record(`PUT ${template}`, res));
  const postTo = (template: string, url: string, body: unknown, params: Record<string, string>) =>
    handler(template, "POST")(apiRequest("POST", url, { ...u, body }), routeContext(params)).then(async (res) => record(`POST ${template}`, res));
  await put("/api/connections/[id]/sync/settings", `/api/connections/${connectionId}/sync/settings`, { entities: { customers: { schedule: "daily" } } }, { id: connectionId });
  await put("/api/integrations/[provider]/sync/settings", "/api/integrations/xero/sync/settings", { entities: { invoices: { conflictPolicy: "ask" } } }, { provider: "xero" });
  const mapping = defaultMappings.xero!.customers;
  await put("/api/connections/[id]/mappings", `/api/connections/${connectionId}/mappings`, { entity: "customers", mapping }, { id: connectionId });
  await put("/api/integrations/[provider]/mappings", "/api/integrations/xero/mappings", { entity: "customers", mapping: null }, { provider: "xero" });
  await postTo("/api/connections/[id]/mappings/preview", `/api/connections/${connectionId}/mappings/preview`, { entity: "customers", mapping }, { id: connectionId });
  await postTo("/api/integrations/[provider]/mappings/preview", "/api/integrations/xero/mappings/preview", { entity: "customers", mapping }, { provider: "xero" });
  Object.assign(syncFixture, { connectionId, runId });
}

/**
 * Delivers a Stripe event signed with the sandbox's secret (the embedded default) to the receiver,
 * sets a connection's own signing secret and replays the stored event, so the webhook log routes
 * have an event to walk.
 */
async function receiveAWebhook() {
  const u = { userId: alice.userId };
  const body = JSON.stringify({ id: "evt_walk_1", object: "event", type: "customer.created", created: Math.floor(Date.now() / 1000), data: { object: { id: "cus_walk" } } });
  const signature = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload: body, secret: sandboxApps.stripe.webhookSecret });
  await record("POST /api/webhooks/[provider]", await handler("/api/webhooks/[provider]", "POST")(
    new Request("http://hub.test/api/webhooks/stripe", { method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": signature } }),
    routeContext({ provider: "stripe" })));
  const list = await handler("/api/connections", "GET")(apiRequest("GET", "/api/connections", u), routeContext());
  const connectionId = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
  await record("PUT /api/connections/[id]/webhook", await handler("/api/connections/[id]/webhook", "PUT")(
    apiRequest("PUT", `/api/connections/${connectionId}/webhook`, { ...u, body: { signingSecret: "whsec_walk_secret" } }), routeContext({ id: connectionId })));
  const events = await handler("/api/webhooks/events", "GET")(apiRequest("GET", "/api/webhooks/events", u), routeContext());
  const eventId = ((await events.json()) as { data: { id: string }[] }).data[0]!.id;
  await record("POST /api/webhooks/events/replay", await handler("/api/webhooks/events/replay", "POST")(
    apiRequest("POST", "/api/webhooks/events/replay", { ...u, body: { ids: [eventId] } }), routeContext()));
}

/**
 * Outbound events through their routes: an endpoint created, paused and resumed, its secret
 * rotated, a test event sent and its delivery retried, failed deliveries recovered, an event
 * resent, a notice read, and a second endpoint deleted. Deliveries are queued, not sent: no
 * worker runs here (lib/outbound/*.integration.test.ts deliver for real).
 */
async function outboundThroughTheApi() {
  const u = { userId: alice.userId };
  const post = (template: string, label: string, url: string, body: unknown, params: Record<string, string> = {}) =>
    handler(template, "POST")(apiRequest("POST", url, { ...u, body }), routeContext(params)).then((res) => record(label, res));
  const endpointBody = { url: `${sandbox.origin}/walk-hook`, description: "Walk hook", eventTypes: ["customer.created", "invoice.paid"], headers: { "X-Walk": "1" } };
  const created = await post("/api/webhook-endpoints", "POST /api/webhook-endpoints", "/api/webhook-endpoints", endpointBody);
  const id = (created.json.data as { id: string }).id;
  const ep = (suffix = "") => `/api/webhook-endpoints/${id}${suffix}`;
  const patch = (label: string, body: unknown) =>
    handler("/api/webhook-endpoints/[id]", "PATCH")(apiRequest("PATCH", ep(), { ...u, body }), routeContext({ id })).then((res) => record(label, res));
  await patch("PATCH /api/webhook-endpoints/[id]", { description: "Walked", status: "paused" });
  await patch("PATCH /api/webhook-endpoints/[id] (resume)", { status: "active" });
  // Custom headers are stored in plaintext: one naming a credential is refused, the field named.
  const refused = await handler("/api/webhook-endpoints/[id]", "PATCH")(apiRequest("PATCH", ep(), { ...u, body: { headers: { Authorization: "Bearer x" } } }), routeContext({ id }));
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ code: "invalid_input", errors: [{ in: "body", path: "headers.Authorization" }] });
  await post("/api/webhook-endpoints/[id]/secret/rotate", "POST /api/webhook-endpoints/[id]/secret/rotate", ep("/secret/rotate"), {}, { id });
  const test = await post("/api/webhook-endpoints/[id]/test", "POST /api/webhook-endpoints/[id]/test", ep("/test"), { type: "customer.created" }, { id });
  const deliveryId = (test.json.data as { deliveryId: string }).deliveryId;
  await post("/api/webhook-deliveries/[id]/retry", "POST /api/webhook-deliveries/[id]/retry", `/api/webhook-deliveries/${deliveryId}/retry`, undefined, { id: deliveryId });
  await post("/api/webhook-endpoints/[id]/recover", "POST /api/webhook-endpoints/[id]/recover", ep("/recover"), { since: new Date(Date.now() - 3_600_000).toISOString() }, { id });
  const events = await handler("/api/events", "GET")(apiRequest("GET", "/api/events", u), routeContext());
  const eventId = ((await events.json()) as { data: { id: string }[] }).data[0]!.id;
  await post("/api/events/[id]/resend", "POST /api/events/[id]/resend", `/api/events/${eventId}/resend`, { endpointId: id }, { id: eventId });
  await addNotice(db, alice.organisationId, { kind: "walk", title: "Walk notice", body: "Shown by the walk." });
  const notices = await handler("/api/notices", "GET")(apiRequest("GET", "/api/notices", u), routeContext());
  const noticeId = ((await notices.json()) as { data: { id: string }[] }).data[0]!.id;
  await post("/api/notices/[id]/read", "POST /api/notices/[id]/read", `/api/notices/${noticeId}/read`, undefined, { id: noticeId });
  const doomed = await post("/api/webhook-endpoints", "POST /api/webhook-endpoints (second)", "/api/webhook-endpoints", { ...endpointBody, eventTypes: ["*"] });
  const doomedId = (doomed.json.data as { id: string }).id;
  await record("DELETE /api/webhook-endpoints/[id]", await handler("/api/webhook-endpoints/[id]", "DELETE")(
    apiRequest("DELETE", `/api/webhook-endpoints/${doomedId}`, u), routeContext({ id: doomedId })));
}

/** A value for a `[name]` segment: an id from the parent collection's list, or a fixed value. */
async function paramValue(template: string, name: string): Promise<string> {
  // The sync routes are walked on the Xero connection that has runs (Stripe does not sync).
  if (template.includes("/sync") || template.includes("/mappings")) {
    if (name === "provider") return "xero";
    if (name === "id") return syncFixture.connectionId;
    if (name === "runId") return syncFixture.runId;
  }
  if (name === "provider") return "stripe";
  const parent = template.slice(0, template.indexOf(`/[${name}]`));
  const list = routes.find((r) => r.template === parent)?.handlers.GET;
  if (!list) throw new Error(`no list at ${parent} to take an id for ${template} from`);
  const res = await list(apiRequest("GET", parent, { userId: alice.userId }), routeContext());
  const body = (await res.json()) as { data?: { id?: string }[] };
  const id = body.data?.[0]?.id;
  if (!id) throw new Error(`${parent} listed nothing to walk ${template} with`);
  return id;
}

describe("every /api route", () => {
  it("loads, every one of them", () => {
    expect(failed).toEqual([]);
    expect(routes.map((r) => r.template)).toEqual(expect.arrayContaining([
      "/api/customers", "/api/customers/[id]", "/api/health", "/api/invoices", "/api/invoices/[id]",
      "/api/invoices/[id]/payments", "/api/organisations", "/api/organisations/switch",
      "/api/integrations", "/api/integrations/[provider]", "/api/integrations/[provider]/connect",
      "/api/integrations/[provider]/oauth/callback", "/api/integrations/[provider]/status", "/api/integrations/[provider]/tenant",
      "/api/integrations/[provider]/test", "/api/connections", "/api/connections/[id]", "/api/connections/[id]/logs",
      "/api/connections/[id]/test", "/api/api-keys", "/api/api-keys/[id]",
      "/api/connections/[id]/test", "/api/connections/[id]/webhook", "/api/webhooks/[provider]", "/api/webhooks/[provider]/[token]",
      "/api/webhooks/events", "/api/webhooks/events/[id]", "/api/webhooks/events/replay",
      "/api/connections/[id]/test", "/api/webhook-endpoints", "/api/webhook-endpoints/[id]", "/api/webhook-endpoints/[id]/secret",
      "/api/webhook-endpoints/[id]/secret/rotate", "/api/webhook-endpoints/[id]/test", "/api/webhook-endpoints/[id]/recover",
      "/api/webhook-endpoints/[id]/attempts", "/api/webhook-endpoints/[id]/stats", "/api/webhook-deliveries/[id]/retry",
      "/api/events", "/api/events/[id]/resend", "/api/notices", "/api/notices/[id]/read",
      "/api/connections/[id]/test", "/api/integrations/[provider]/sync", "/api/integrations/[provider]/sync/status",
      "/api/integrations/[provider]/sync/runs", "/api/integrations/[provider]/sync/runs/[runId]", "/api/integrations/[provider]/sync/runs/[runId]/cancel",
      "/api/integrations/[provider]/sync/runs/[runId]/retry", "/api/connections/[id]/sync", "/api/connections/[id]/sync/status",
      "/api/connections/[id]/sync/runs", "/api/connections/[id]/sync/runs/[runId]", "/api/connections/[id]/sync/runs/[runId]/cancel",
      "/api/connections/[id]/sync/runs/[runId]/retry", "/api/connections/[id]/sync/settings", "/api/integrations/[provider]/sync/settings",
      "/api/connections/[id]/mappings", "/api/integrations/[provider]/mappings", "/api/connections/[id]/mappings/preview",
      "/api/integrations/[provider]/mappings/preview", "/api/connections/[id]/sync/conflicts", "/api/integrations/[provider]/sync/conflicts",
      "/api/connections/[id]/sync/conflicts/[conflictId]/resolve", "/api/integrations/[provider]/sync/conflicts/[conflictId]/resolve",
      "/api/connections/[id]/sync/lookups", "/api/integrations/[provider]/sync/lookups",
    ]));
  });

  it("answers every GET without an internal column or a secret, after data exists", async () => {
    for (const route of routes) {
      const get = route.handlers.GET;
      if (!get) continue;
      const params: Record<string, string> = {};
      for (const name of templateParams(route.template)) params[name] = await paramValue(route.template, name);
      const url = fillTemplate(route.template, params);
      const { status } = await record(`GET ${route.template}`, await get(apiRequest("GET", url, { userId: alice.userId }), routeContext(params)));
      expect(status, `GET ${url}`).toBeLessThan(500);
    }
    const lists = answers.filter((a) => ["GET /api/customers", "GET /api/invoices", "GET /api/invoices/[id]/payments", "GET /api/organisations", "GET /api/connections", "GET /api/api-keys"].includes(a.label));
    expect(lists).toHaveLength(6);
    for (const l of lists) {
      expect(l.status, l.label).toBe(200);
      expect((l.json as { data: unknown[] }).data.length, l.label).toBeGreaterThan(0);
      expect((l.json as { page: unknown }).page, l.label).toMatchObject({ limit: expect.any(Number), offset: 0, total: expect.any(Number) });
    }
    for (const a of answers) {
      const leaked = [...jsonKeys(a.json)].filter((k) => FORBIDDEN_KEYS.includes(k));
      expect(leaked, `${a.label} answered ${JSON.stringify(a.json).slice(0, 300)}`).toEqual([]);
      // An API key's secret is in the answer that created it, and in no other.
      if (a.label !== "POST /api/api-keys") expect(JSON.stringify(a.json), a.label).not.toContain(apiKeySecret);
    }
    // The writes succeeded too, so their answers were real resources, not errors.
    expect(answers.filter((a) => !a.label.startsWith("GET")).map((a) => `${a.label} ${a.status}`)).toEqual([
      "POST /api/customers 201", "PATCH /api/customers/[id] 200", "POST /api/invoices 201", "POST /api/invoices/[id]/payments 201",
      "PATCH /api/invoices/[id] 200", "POST /api/organisations 201", "POST /api/organisations/switch 200",
      "POST /api/integrations/[provider]/connect 201", "POST /api/integrations/[provider]/connect (second account) 201",
      "PATCH /api/integrations/[provider] 200", "POST /api/integrations/[provider]/test 200", "POST /api/connections/[id]/test 200",
      "DELETE /api/integrations/[provider] 200", "POST /api/integrations/[provider]/connect (OAuth) 200",
      "POST /api/integrations/[provider]/tenant 201", "PATCH /api/connections/[id] 200", "DELETE /api/connections/[id] 200",
      "POST /api/integrations/[provider]/sync 202", "POST /api/integrations/[provider]/sync/runs/[runId]/cancel 200",
      "POST /api/connections/[id]/sync 202", "POST /api/connections/[id]/sync/runs/[runId]/cancel 200",
      "POST /api/integrations/[provider]/sync/runs/[runId]/retry 409", "POST /api/connections/[id]/sync/runs/[runId]/retry 409",
      "PUT /api/connections/[id]/sync/settings 200", "PUT /api/integrations/[provider]/sync/settings 200",
      "PUT /api/connections/[id]/mappings 200", "PUT /api/integrations/[provider]/mappings 200",
      "POST /api/connections/[id]/mappings/preview 200", "POST /api/integrations/[provider]/mappings/preview 200",
      "POST /api/api-keys 201", "DELETE /api/api-keys/[id] 200",
      "POST /api/webhooks/[provider] 200", "PUT /api/connections/[id]/webhook 200", "POST /api/webhooks/events/replay 202",
      "POST /api/webhook-endpoints 201", "PATCH /api/webhook-endpoints/[id] 200", "PATCH /api/webhook-endpoints/[id] (resume) 200",
      "POST /api/webhook-endpoints/[id]/secret/rotate 200", "POST /api/webhook-endpoints/[id]/test 202", "POST /api/webhook-deliveries/[id]/retry 202",
      "POST /api/webhook-endpoints/[id]/recover 202", "POST /api/events/[id]/resend 202", "POST /api/notices/[id]/read 200",
      "POST /api/webhook-endpoints (second) 201", "DELETE /api/webhook-endpoints/[id] 200",
    ]);
    // The walked GETs of the integration routes found real data, not only errors.
    const got = (label: string) => answers.find((a) => a.label === label)?.status;
    for (const label of [
      "GET /api/integrations", "GET /api/integrations/[provider]/status", "GET /api/connections/[id]", "GET /api/connections/[id]/logs",
      "GET /api/connections/[id]/webhook", "GET /api/webhooks/events", "GET /api/webhooks/events/[id]",
      "GET /api/webhook-endpoints", "GET /api/webhook-endpoints/[id]", "GET /api/webhook-endpoints/[id]/secret", "GET /api/webhook-endpoints/[id]/attempts",
      "GET /api/webhook-endpoints/[id]/stats", "GET /api/events", "GET /api/notices",
      "GET /api/integrations/[provider]/sync/status", "GET /api/integrations/[provider]/sync/runs", "GET /api/integrations/[provider]/sync/runs/[runId]",
      "GET /api/connections/[id]/sync/status", "GET /api/connections/[id]/sync/runs", "GET /api/connections/[id]/sync/runs/[runId]",
    ]) {
      expect(got(label), label).toBe(200);
    }
  });

  it("answers with exactly the registered response schemas (the future OpenAPI document)", () => {
    const schemas: Record<string, z.ZodType> = {
      "GET /api/customers": customerListResponse, "POST /api/customers": customerResponse,
      "GET /api/customers/[id]": customerResponse, "PATCH /api/customers/[id]": customerResponse,
      "GET /api/invoices": invoiceListResponse, "POST /api/invoices": invoiceResponse,
      "GET /api/invoices/[id]": invoiceResponse, "PATCH /api/invoices/[id]": invoiceResponse,
      "GET /api/invoices/[id]/payments": paymentListResponse, "POST /api/invoices/[id]/payments": paymentCreatedResponse,
      "GET /api/organisations": organisationListResponse, "POST /api/organisations": organisationResponse,
      "POST /api/organisations/switch": organisationSwitchResponse,
      "GET /api/integrations": catalogResponse, "GET /api/integrations/[provider]/status": integrationStatusResponse,
      "POST /api/integrations/[provider]/connect": connectionResponse, "POST /api/integrations/[provider]/connect (OAuth)": authorizationResponse,
      "PATCH /api/integrations/[provider]": connectionResponse, "POST /api/integrations/[provider]/test": healthResultResponse,
      "DELETE /api/integrations/[provider]": disconnectResponse, "GET /api/integrations/[provider]/tenant (pending)": pendingAccountListResponse,
      "POST /api/integrations/[provider]/tenant": connectionListResponse, "GET /api/connections": connectionListResponse,
      "GET /api/connections/[id]": connectionResponse, "PATCH /api/connections/[id]": connectionResponse,
      "DELETE /api/connections/[id]": disconnectResponse, "POST /api/connections/[id]/test": healthResultResponse,
      "GET /api/connections/[id]/logs": connectionLogsResponse,
      "GET /api/api-keys": apiKeyListResponse, "POST /api/api-keys": apiKeyCreatedResponse, "DELETE /api/api-keys/[id]": apiKeyResponse,
      "GET /api/webhooks/events": inboundEventListResponse, "GET /api/webhooks/events/[id]": inboundEventDetailResponse,
      "POST /api/webhooks/events/replay": replayResponse, "GET /api/connections/[id]/webhook": webhookSettingsResponse,
      "PUT /api/connections/[id]/webhook": webhookSettingsResponse,
      "GET /api/webhook-endpoints": endpointListResponse, "POST /api/webhook-endpoints": endpointResponse,
      "GET /api/webhook-endpoints/[id]": endpointResponse, "PATCH /api/webhook-endpoints/[id]": endpointResponse,
      "PATCH /api/webhook-endpoints/[id] (resume)": endpointResponse, "DELETE /api/webhook-endpoints/[id]": deletedResponse,
      "GET /api/webhook-endpoints/[id]/secret": secretResponse, "POST /api/webhook-endpoints/[id]/secret/rotate": secretResponse,
      "POST /api/webhook-endpoints/[id]/test": testEventResponse, "POST /api/webhook-endpoints/[id]/recover": recoverResponse,
      "GET /api/webhook-endpoints/[id]/attempts": attemptListResponse, "GET /api/webhook-endpoints/[id]/stats": statsResponse,
      "POST /api/webhook-deliveries/[id]/retry": retryResponse, "GET /api/events": eventListResponse,
      "POST /api/events/[id]/resend": resendResponse, "GET /api/notices": noticeListResponse, "POST /api/notices/[id]/read": noticeReadResponse,
      "POST /api/integrations/[provider]/sync": syncStartedResponse, "POST /api/connections/[id]/sync": syncStartedResponse,
      "POST /api/integrations/[provider]/sync/runs/[runId]/cancel": syncRunResponse, "POST /api/connections/[id]/sync/runs/[runId]/cancel": syncRunResponse,
      "GET /api/integrations/[provider]/sync/status": syncStatusResponse, "GET /api/connections/[id]/sync/status": syncStatusResponse,
      "GET /api/integrations/[provider]/sync/runs": syncRunListResponse, "GET /api/connections/[id]/sync/runs": syncRunListResponse,
      "GET /api/integrations/[provider]/sync/runs/[runId]": syncRunDetailResponse, "GET /api/connections/[id]/sync/runs/[runId]": syncRunDetailResponse,
      "GET /api/connections/[id]/sync/settings": syncSettingsResponse, "PUT /api/connections/[id]/sync/settings": syncSettingsResponse,
      "GET /api/integrations/[provider]/sync/settings": syncSettingsResponse, "PUT /api/integrations/[provider]/sync/settings": syncSettingsResponse,
      "GET /api/connections/[id]/mappings": mappingListResponse, "GET /api/integrations/[provider]/mappings": mappingListResponse,
      "PUT /api/connections/[id]/mappings": mappingResponse, "PUT /api/integrations/[provider]/mappings": mappingResponse,
      "POST /api/connections/[id]/mappings/preview": mappingPreviewResponse, "POST /api/integrations/[provider]/mappings/preview": mappingPreviewResponse,
      "GET /api/connections/[id]/sync/conflicts": conflictListResponse, "GET /api/integrations/[provider]/sync/conflicts": conflictListResponse,
    };
    for (const [label, schema] of Object.entries(schemas)) {
      const answer = answers.find((a) => a.label === label);
      expect(answer, label).toBeDefined();
      // Strict: a key the schema does not declare is a field the DTO leaked.
      const parsed = strictly(schema).safeParse(answer!.json);
      expect(parsed.error?.issues ?? [], label).toEqual([]);
    }
  });
});

/** JSON with object keys sorted, so two values compare by content only. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);

/** The schema, failing when parsing would strip a key: an undeclared key is a leaked field. */
function strictly(schema: z.ZodType): z.ZodType {
  return schema.superRefine((value, ctx) => {
    const parsed = schema.safeParse(value);
    if (parsed.success && canonical(parsed.data) !== canonical(value)) {
      ctx.addIssue({ code: "custom", message: `undeclared keys in ${JSON.stringify(value).slice(0, 200)}` });
    }
  });
}
