// The receivers' refusals, the per-connection URL and secret, processing failures and replay, and
// the event log API, through the real route handlers on a real (PGlite or Postgres) database.
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, inboundEndpoints, inboundEvents, invoices, payments } from "@/drizzle/schema";
import { POST as receive } from "@/app/api/webhooks/[provider]/route";
import { POST as receiveOnToken } from "@/app/api/webhooks/[provider]/[token]/route";
import { GET as listEvents } from "@/app/api/webhooks/events/route";
import { GET as getEvent } from "@/app/api/webhooks/events/[id]/route";
import { POST as replay } from "@/app/api/webhooks/events/replay/route";
import { GET as getSettings, PUT as putSettings } from "@/app/api/connections/[id]/webhook/route";
import { jobContext } from "@/lib/auth/access";
import type { Tenant } from "@/lib/auth/tenant";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice, markInvoiceSent } from "@/lib/db/queries/invoices";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import type { LocalJobs } from "@/lib/jobs";
import { apiRequest, routeContext, useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { addMember, createTenant } from "@/lib/testing/tenants";
import { configureInboundRateLimit, INBOUND_LIMITS } from "./rate-limit";
import { environmentSecret } from "./secrets";

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let jobs: LocalJobs;
let owner: Tenant;
let member: Tenant;
const conn: Record<string, string> = {};
const stripe = new Stripe("sk_test_unused");
const STRIPE_SECRET = () => environmentSecret("stripe")!;
const PORTAL = "4470001";

const signedStripe = (body: string, secret = STRIPE_SECRET(), timestamp?: number) =>
  new Request("http://hub.test/api/webhooks/stripe", {
    method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }), authorization: "Bearer not-to-be-stored" },
  });
const post = (provider: string, req: Request) => receive(req, routeContext({ provider }));
const stripeEvent = (id: string, type: string, object: Record<string, unknown>) =>
  JSON.stringify({ id, object: "event", type, created: Math.floor(Date.now() / 1000), data: { object } });
const stored = () => db.select().from(inboundEvents);

beforeAll(async () => {
  delete process.env.HUB_PROVIDERS;
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  owner = await createTenant(db, "Receiver Ltd", "owner");
  member = await addMember(db, owner.organisationId, "member");
  const rows = await insertConnections(db, jobContext(owner.organisationId, "test"), [
    { provider: "stripe", authMode: "api_key", status: "connected", externalAccountId: "acct_receiver" },
    { provider: "hubspot", authMode: "oauth2", status: "connected", externalAccountId: PORTAL },
    { provider: "zapier", authMode: "webhook_url", status: "connected", externalAccountId: null },
  ]);
  for (const r of rows) conn[r.provider] = r.id;
  jobs = await startTestJobs(db);
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
  restore();
  await close();
});

beforeEach(() => configureInboundRateLimit(INBOUND_LIMITS.points, INBOUND_LIMITS.windowSeconds));

describe("refusals", () => {
  it("answers an unknown provider 404, a bad or stale signature 401 (counted on the connection), a signed non-JSON body 400, over 1 MiB 413", async () => {
    const before = (await stored()).length;
    const unknown = await post("nope", signedStripe("{}"));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");

    const body = stripeEvent("evt_refused", "payment_intent.succeeded", {});
    const wrong = await post("stripe", signedStripe(body, "whsec_wrong"));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "invalid_signature" });
    const stale = await post("stripe", signedStripe(body, STRIPE_SECRET(), Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ detail: expect.stringMatching(/5 minutes/) });
    const flipped = signedStripe(body);
    const tampered = await post("stripe", new Request(flipped.url, { method: "POST", headers: flipped.headers, body: body.replace("refused", "refuseD") }));
    expect(tampered.status).toBe(401);
    const [ep] = await db.select().from(inboundEndpoints).where(eq(inboundEndpoints.connectionId, conn.stripe!));
    expect(ep!.rejectedCount).toBe(3);

    expect((await post("stripe", signedStripe("not json"))).status).toBe(400);
    const big = await post("stripe", signedStripe(JSON.stringify({ pad: "x".repeat(1024 * 1024) })));
    expect(big.status).toBe(413);
    expect((await stored()).length).toBe(before);
  });

  it("answers 429 with Retry-After past the per-connection budget", async () => {
    configureInboundRateLimit(2, 60);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post("stripe", signedStripe(stripeEvent(`evt_rl_${i}`, "customer.created", {})))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const res = await post("stripe", signedStripe(stripeEvent("evt_rl_x", "customer.created", {})));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("HubSpot v3", () => {
  it("stores a signed contact change for the portal it names and records it for the CRM sync", async () => {
    const body = JSON.stringify([{ eventId: 901, subscriptionType: "contact.propertyChange", portalId: Number(PORTAL), objectId: 77, propertyName: "email", occurredAt: Date.now() }]);
    const url = "http://hub.test/api/webhooks/hubspot";
    const ts = String(Date.now());
    const sig = createHmac("sha256", environmentSecret("hubspot")!).update(`POST${url}${body}${ts}`).digest("base64");
    const res = await post("hubspot", new Request(url, { method: "POST", body, headers: { "content-type": "application/json", "x-hubspot-signature-v3": sig, "x-hubspot-request-timestamp": ts } }));
    expect(res.status).toBe(200);
    const row = await waitFor(async () => (await stored()).find((r) => r.provider === "hubspot" && r.status !== "received"));
    expect(row).toMatchObject({ connectionId: conn.hubspot, eventId: "901", type: "contact.propertyChange", status: "processed", result: { contacts: [{ id: "77", change: "contact.propertyChange", property: "email" }] } });
  });
});

describe("a connection's own URL and signing secret (Standard Webhooks, Zapier)", () => {
  it("shows the URL, takes a secret from admins only, and receives deliveries signed with it", async () => {
    const id = conn.zapier!;
    const get = await getSettings(apiRequest("GET", `/api/connections/${id}/webhook`, { userId: member.userId }), routeContext({ id }));
    const settings = ((await get.json()) as { data: { url: string; tokenUrl: string; secretSource: string; signingSecretSet: boolean } }).data;
    expect(settings).toMatchObject({ secretSource: "none", signingSecretSet: false, url: settings.tokenUrl });
    expect(settings.tokenUrl).toMatch(/^http:\/\/hub\.test\/api\/webhooks\/zapier\/[A-Za-z0-9_-]{43}$/);

    const secret = `whsec_${Buffer.from("zapier connection secret 32bytes").toString("base64")}`;
    const denied = await putSettings(apiRequest("PUT", `/api/connections/${id}/webhook`, { userId: member.userId, body: { signingSecret: secret } }), routeContext({ id }));
    expect(denied.status).toBe(403);
    const put = await putSettings(apiRequest("PUT", `/api/connections/${id}/webhook`, { userId: owner.userId, body: { signingSecret: secret } }), routeContext({ id }));
    const after = ((await put.json()) as { data: Record<string, unknown> }).data;
    expect(after).toMatchObject({ secretSource: "connection", signingSecretSet: true, tokenUrl: settings.tokenUrl });
    expect(JSON.stringify(after)).not.toContain(secret);
    const [ep] = await db.select().from(inboundEndpoints).where(eq(inboundEndpoints.connectionId, id));
    expect(ep!.signingSecret).not.toContain("zapier connection secret");

    const token = settings.tokenUrl.split("/").pop()!;
    const body = JSON.stringify({ type: "zap.fired", data: { n: 1 } });
    const signed = (key: string) => {
      const at = new Date();
      return { "content-type": "application/json", "webhook-id": "msg_zap_1", "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(key).sign("msg_zap_1", at, body) };
    };
    const onToken = (t: string, headers: Record<string, string>) =>
      receiveOnToken(new Request(`http://hub.test/api/webhooks/zapier/${t}`, { method: "POST", headers, body }), routeContext({ provider: "zapier", token: t }));
    expect((await onToken(token, signed(`whsec_${Buffer.from("some other secret of 32 bytes!!!").toString("base64")}`))).status).toBe(401);
    expect((await onToken("A".repeat(43), signed(secret))).status).toBe(404);
    expect((await post("zapier", new Request("http://hub.test/api/webhooks/zapier", { method: "POST", headers: signed(secret), body }))).status).toBe(404);
    expect((await onToken(token, signed(secret))).status).toBe(200);
    const row = await waitFor(async () => (await stored()).find((r) => r.provider === "zapier" && r.status !== "received"));
    expect(row).toMatchObject({ connectionId: id, eventId: "msg_zap_1", type: "zap.fired", status: "ignored" });
  });
});

describe("processing failures and replay", () => {
  it("retries a failing event, ends it failed with the error, and a replay after the fix applies it once", async () => {
    const ctx = jobContext(owner.organisationId, "test");
    const customer = await createCustomer(db, ctx, { name: "Draft Payer" });
    // A draft invoice cannot take a payment: the handler throws until someone sends it.
    const invoice = await createInvoice(db, ctx, { customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", lines: [{ description: "x", quantity: 1, unitPrice: 2500 }] });
    const res = await post("stripe", signedStripe(stripeEvent("evt_fail_1", "payment_intent.succeeded", { id: "pi_fail_1", object: "payment_intent", amount: 2500, amount_received: 2500, currency: "usd", metadata: { invoice_id: invoice.id } })));
    expect(res.status).toBe(200);
    const failed = await waitFor(async () => (await stored()).find((r) => r.eventId === "evt_fail_1" && r.status === "failed"), { timeoutMs: 60_000 });
    expect(failed).toMatchObject({ attempts: 4, lastError: expect.stringMatching(/sent before recording a payment/) });
    expect(await db.select().from(payments).where(eq(payments.invoiceId, invoice.id))).toHaveLength(0);

    const denied = await replay(apiRequest("POST", "/api/webhooks/events/replay", { userId: member.userId, body: { ids: [failed!.id] } }));
    expect(denied.status).toBe(403);

    await markInvoiceSent(db, ctx, invoice.id);
    const replayed = await replay(apiRequest("POST", "/api/webhooks/events/replay", { userId: owner.userId, body: { ids: [failed!.id] } }));
    expect(replayed.status).toBe(202);
    expect(await replayed.json()).toEqual({ data: { replayed: 1 } });
    const done = await waitFor(async () => (await stored()).find((r) => r.id === failed!.id && r.status === "processed"));
    expect(done).toMatchObject({ attempts: 5, lastError: null });
    // Replaying a processed event finds its payment and records nothing more.
    await replay(apiRequest("POST", "/api/webhooks/events/replay", { userId: owner.userId, body: { ids: [failed!.id] } }));
    await waitFor(async () => (await stored()).find((r) => r.id === failed!.id && r.status === "processed" && r.attempts === 6));
    const pays = await db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(pays.map((p) => p.amount)).toEqual([2500]);
  }, 90_000);
});

describe("Stripe refunds, disputes and failed payments", () => {
  it("books a partial then a full refund once each, flags a dispute, and notes a failed payment", async () => {
    const ctx = jobContext(owner.organisationId, "test");
    const customer = await createCustomer(db, ctx, { name: "Refunded Buyer" });
    const invoice = await createInvoice(db, ctx, { customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "x", quantity: 1, unitPrice: 5000 }] });
    const meta = { invoice_id: invoice.id };
    const send = async (id: string, type: string, object: Record<string, unknown>) => {
      expect((await post("stripe", signedStripe(stripeEvent(id, type, object)))).status).toBe(200);
      return waitFor(async () => (await stored()).find((r) => r.eventId === id && r.status !== "received"));
    };
    await send("evt_rf_pay", "payment_intent.succeeded", { id: "pi_rf", amount: 5000, amount_received: 5000, currency: "usd", metadata: meta });
    const partial = await send("evt_rf_1", "charge.refunded", { id: "ch_rf", amount: 5000, amount_refunded: 2000, currency: "usd", metadata: meta });
    expect(partial).toMatchObject({ status: "processed" });
    // The second refund event carries the charge's running total: only the difference is booked.
    await send("evt_rf_2", "charge.refunded", { id: "ch_rf", amount: 5000, amount_refunded: 5000, currency: "usd", metadata: meta });
    await post("stripe", signedStripe(stripeEvent("evt_rf_2", "charge.refunded", { id: "ch_rf", amount: 5000, amount_refunded: 5000, currency: "usd", metadata: meta })));
    const pays = await db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(pays.map((p) => p.amount).sort((a, b) => a - b)).toEqual([-3000, -2000, 5000]);
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(inv).toMatchObject({ amountPaid: 0, status: "sent" });

    // A dispute names only its PaymentIntent: the invoice is the one its payment was recorded on.
    const dispute = await send("evt_dp_1", "charge.dispute.created", { id: "dp_1", amount: 5000, currency: "usd", reason: "fraudulent", payment_intent: "pi_rf", metadata: {} });
    expect(dispute).toMatchObject({ status: "processed", result: { invoiceId: invoice.id, disputed: true } });
    const [flag] = await db.select().from(auditLog).where(eq(auditLog.action, "invoice.disputed"));
    expect(flag).toMatchObject({ organisationId: owner.organisationId, connectionId: conn.stripe, details: expect.objectContaining({ invoiceId: invoice.id, reason: "fraudulent" }) });

    const failed = await send("evt_pf_1", "payment_intent.payment_failed", { id: "pi_pf", amount: 5000, currency: "usd", metadata: meta, last_payment_error: { message: "Your card was declined." } });
    expect(failed).toMatchObject({ status: "processed", result: { paymentFailed: "Your card was declined." } });
    const unmatched = await send("evt_um_1", "payment_intent.succeeded", { id: "pi_um", amount: 100, currency: "usd", metadata: { invoice_id: "no-such-invoice" } });
    expect(unmatched).toMatchObject({ status: "ignored", ignoredReason: expect.stringMatching(/No app invoice/) });
  }, 60_000);
});

describe("the event log API", () => {
  it("pages newest first by cursor, filters, and shows one event's payload and headers without credentials", async () => {
    for (let i = 0; i < 3; i++) expect((await post("stripe", signedStripe(stripeEvent(`evt_log_${i}`, "customer.created", { id: `cus_${i}` })))).status).toBe(200);
    await waitFor(async () => (await stored()).filter((r) => r.eventId.startsWith("evt_log_") && r.status === "ignored").length === 3);
    const list = async (query: string) => {
      const res = await listEvents(apiRequest("GET", `/api/webhooks/events?${query}`, { userId: member.userId }));
      expect(res.status).toBe(200);
      return (await res.json()) as { data: { id: string; receivedAt: string; provider: string; status: string }[]; page: { limit: number; nextCursor: string | null } };
    };
    const all = await list("limit=100");
    expect(all.data.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.page.limit).toBe(2);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.data.map((e) => e.id));
    const times = all.data.map((e) => e.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const stripeOnly = await list("provider=stripe&status=ignored&type=customer.created");
    expect(stripeOnly.data.length).toBeGreaterThanOrEqual(3);
    expect(stripeOnly.data.every((e) => e.provider === "stripe" && e.status === "ignored")).toBe(true);
    expect((await list(`connectionId=${conn.zapier}&provider=stripe`)).data).toEqual([]);
    expect((await list("from=2999-01-01")).data).toEqual([]);
    const bad = await listEvents(apiRequest("GET", "/api/webhooks/events?cursor=bm9wZQ", { userId: member.userId }));
    expect(bad.status).toBe(400);

    const one = stripeOnly.data[0]!;
    const res = await getEvent(apiRequest("GET", `/api/webhooks/events/${one.id}`, { userId: member.userId }), routeContext({ id: one.id }));
    const detail = ((await res.json()) as { data: { payload: { id: string }; headers: Record<string, string> } }).data;
    expect(detail.payload.id).toMatch(/^evt_/);
    expect(detail.headers["stripe-signature"]).toMatch(/^t=/);
    expect(detail.headers.authorization).toBeUndefined();
  });
});
