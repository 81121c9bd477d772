// The sandbox's emulators post their signed webhooks over real HTTP to the hub's real receivers
// (the route handlers on a port), which verify, store and process them with the embedded job driver.
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEvents, invoices, payments } from "@/drizzle/schema";
import { jobContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { insertConnections } from "@/lib/db/queries/connections";
import { createCustomer } from "@/lib/db/queries/customers";
import { createInvoice } from "@/lib/db/queries/invoices";
import { startTestJobs, waitFor } from "@/lib/jobs/testing";
import type { LocalJobs } from "@/lib/jobs";
import { useTestApiRuntime } from "@/lib/testing/api";
import { createTestDb } from "@/lib/testing/db";
import { createTenant } from "@/lib/testing/tenants";
import { serveWebhookReceivers } from "@/lib/testing/webhook-server";
import { sandboxApps, sandboxStripeAccounts } from "@/sandbox/config";
import { TEAM } from "@/sandbox/providers/slack/data";
import { XERO_TENANTS } from "@/sandbox/providers/xero/seed";
import { QBO_REALMS } from "@/sandbox/providers/quickbooks/seed";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";

let db: Db;
let close: () => Promise<void>;
let restore: () => void;
let sandbox: RunningSandbox;
let receivers: { origin: string; close(): Promise<void> };
let jobs: LocalJobs;
let org: string;
const conn: Record<string, string> = {};

const control = async (path: string, body: unknown) => {
  const res = await fetch(`${sandbox.origin}/_control${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const eventsOf = (provider: string) => db.select().from(inboundEvents).where(eq(inboundEvents.provider, provider));
const settled = (provider: string, n: number) =>
  waitFor(async () => {
    const rows = await eventsOf(provider);
    return rows.length >= n && rows.every((r) => r.status !== "received") ? rows : null;
  });

beforeAll(async () => {
  delete process.env.HUB_PROVIDERS;
  sandbox = await startSandbox({ port: 0, stripePort: 0, smtpPort: 0 });
  process.env.SANDBOX_URL = sandbox.origin;
  process.env.SANDBOX_STRIPE_URL = sandbox.stripeOrigin;
  ({ db, close } = await createTestDb());
  restore = useTestApiRuntime(db);
  receivers = await serveWebhookReceivers();
  for (const p of ["stripe", "xero", "quickbooks", "slack", "paypal"]) sandbox.ctx.webhookTargets.set(p, `${receivers.origin}/api/webhooks/${p}`);
  org = (await createTenant(db, "Inbound Ltd")).organisationId;
  const ctx = jobContext(org, "test");
  const rows = await insertConnections(db, ctx, [
    { provider: "stripe", authMode: "api_key", status: "connected", externalAccountId: sandboxStripeAccounts[0].id },
    { provider: "xero", authMode: "oauth2", status: "connected", externalAccountId: XERO_TENANTS[0].tenantId },
    { provider: "quickbooks", authMode: "oauth2", status: "connected", externalAccountId: QBO_REALMS[0].realmId },
    { provider: "slack", authMode: "oauth2", status: "connected", externalAccountId: TEAM.id },
    { provider: "paypal", authMode: "api_key", status: "connected", externalAccountId: "sandbox-app" },
  ]);
  for (const r of rows) conn[r.provider] = r.id;
  jobs = await startTestJobs(db);
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
  restore();
  await receivers?.close();
  await close();
  await sandbox?.close();
});

describe("Xero", () => {
  it("passes the intent-to-receive handshake the sandbox runs (200 signed right, 401 signed wrong), storing nothing", async () => {
    const res = await control("/xero/intent-to-receive", { url: `${receivers.origin}/api/webhooks/xero` });
    expect(res.json).toEqual({ ok: true, correctSignature: 200, incorrectSignature: 401 });
    expect(await eventsOf("xero")).toHaveLength(0);
  });

  it("stores an invoice change for the connected tenant and hands its entity ref on", async () => {
    const res = await control("/change", { provider: "xero", entity: "invoices", account: XERO_TENANTS[0].tenantId, fields: { Reference: "inbound" } });
    expect((res.json.delivery as { status: number }).status).toBe(200);
    const [row] = await settled("xero", 1);
    expect(row).toMatchObject({ connectionId: conn.xero, type: "invoice.update", status: "processed", attempts: 1 });
    expect(row!.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const result = row!.result as { entities: { accountId: string; entity: string; id: string }[] };
    expect(result.entities).toEqual([expect.objectContaining({ accountId: XERO_TENANTS[0].tenantId, entity: "invoices", id: (res.json.record as { InvoiceID: string }).InvoiceID })]);
  });
});

describe("QuickBooks", () => {
  it("stores legacy and CloudEvents notifications for the connected realm", async () => {
    const legacy = await control("/change", { provider: "quickbooks", entity: "Customer", account: QBO_REALMS[0].realmId, fields: { Notes: "a" }, format: "legacy" });
    const cloud = await control("/change", { provider: "quickbooks", entity: "Customer", account: QBO_REALMS[0].realmId, fields: { Notes: "b" }, format: "cloudevents" });
    expect([(legacy.json.delivery as { status: number }).status, (cloud.json.delivery as { status: number }).status]).toEqual([200, 200]);
    const rows = await settled("quickbooks", 2);
    expect(rows.map((r) => [r.type, r.status])).toEqual([["customers.update", "processed"], ["customers.update", "processed"]]);
    // The legacy format carries no id (the body's hash is used); CloudEvents carry their own.
    expect(rows.map((r) => r.eventId.startsWith("sha256:")).sort()).toEqual([false, true]);
    const ids = rows.map((r) => (r.result as { entities: { id: string; operation: string }[] }).entities[0]);
    expect(ids.every((e) => e?.operation === "update" && e.id === (legacy.json.record as { Id: string }).Id)).toBe(true);
  });
});

describe("Slack", () => {
  it("answers url_verification with its challenge and records events as ignored, saying why", async () => {
    const verify = await control("/change", { provider: "slack", action: "url_verification" });
    const d = verify.json as { status: number; body: string; payload: string };
    expect(d.status).toBe(200);
    expect(d.body).toBe(JSON.parse(d.payload).challenge);
    await control("/change", { provider: "slack", action: "event", event: { type: "app_mention", text: "hi" } });
    await control("/change", { provider: "slack", action: "slash_command", command: "/hub", text: "status" });
    const rows = await settled("slack", 2);
    expect(rows.map((r) => r.type).sort()).toEqual(["app_mention", "slash_command.hub"]);
    expect(rows.every((r) => r.status === "ignored" && /no hub feature/.test(r.ignoredReason ?? ""))).toBe(true);
  });
});

describe("PayPal", () => {
  it("confirms the sandbox's signed capture events with verify-webhook-signature before storing them", async () => {
    const api = `${sandbox.origin}/paypal/api`;
    const basic = `Basic ${Buffer.from(`${sandboxApps.paypal.clientId}:${sandboxApps.paypal.clientSecret}`).toString("base64")}`;
    const token = (await (await fetch(`${api}/v1/oauth2/token`, { method: "POST", headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" })).json()) as { access_token: string };
    const auth = { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" };
    const order = (await (await fetch(`${api}/v2/checkout/orders`, { method: "POST", headers: auth, body: JSON.stringify({ intent: "CAPTURE", purchase_units: [{ amount: { currency_code: "USD", value: "10.00" } }] }) })).json()) as { id: string };
    await fetch(`${sandbox.origin}/paypal/www/checkoutnow?token=${order.id}`, { method: "POST" });
    const captured = await fetch(`${api}/v2/checkout/orders/${order.id}/capture`, { method: "POST", headers: auth });
    expect(captured.status).toBe(201);
    const rows = await settled("paypal", 2);
    expect(rows.map((r) => r.type).sort()).toEqual(["CHECKOUT.ORDER.COMPLETED", "PAYMENT.CAPTURE.COMPLETED"]);
    // The sandbox's captures name no app invoice (custom_id): ignored, with the reason.
    expect(rows.find((r) => r.type === "PAYMENT.CAPTURE.COMPLETED")).toMatchObject({ status: "ignored", ignoredReason: expect.stringMatching(/custom_id/) });
    // A flipped byte in the stored body fails PayPal's own check.
    const row = rows[0]!;
    const tampered = row.body.replace("COMPLETED", "COMPLETEd");
    const res = await fetch(`${receivers.origin}/api/webhooks/paypal`, { method: "POST", headers: row.headers, body: tampered });
    expect(res.status).toBe(401);
  });
});

describe("Stripe", () => {
  it("records a paid Checkout Session against the invoice in its metadata, once, and marks it paid", async () => {
    const ctx = jobContext(org, "test");
    const customer = await createCustomer(db, ctx, { name: "Checkout Buyer" });
    const invoice = await createInvoice(db, ctx, { customerId: customer.id, issueDate: "2026-01-01", dueDate: "2026-02-01", send: true, lines: [{ description: "Work", quantity: 1, unitPrice: 4200 }] });
    const base = new URL(sandbox.stripeOrigin);
    const stripe = new Stripe(sandboxStripeAccounts[0].secretKey, { host: base.hostname, port: base.port, protocol: "http" });
    const session = await stripe.checkout.sessions.create({
      mode: "payment", success_url: "http://hub.test/done", metadata: { invoice_id: invoice.id },
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: invoice.total, product_data: { name: `Invoice ${invoice.number}` } } }],
    });
    const paid = await fetch(`${sandbox.stripeOrigin}/checkout/${session.id}/pay`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=buyer%40example.com", redirect: "manual" });
    expect(paid.status).toBeLessThan(400);
    const rows = await waitFor(async () => {
      const r = (await eventsOf("stripe")).filter((e) => ["payment_intent.succeeded", "checkout.session.completed"].includes(e.type));
      return r.length === 2 && r.every((e) => e.status === "processed") ? r : null;
    });
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(inv).toMatchObject({ status: "paid", amountPaid: invoice.total });
    const pays = await db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(pays).toHaveLength(1);
    expect(pays[0]!.reference).toMatch(/^stripe pi_/);
    // Both events name the same PaymentIntent: one of them recorded the payment, the other found it.
    expect(rows.map((r) => (r.result as { duplicate: boolean }).duplicate).sort()).toEqual([false, true]);

    // A redelivery of a stored event is answered 200 and not stored or applied again.
    const again = rows[0]!;
    const sig = stripe.webhooks.generateTestHeaderString({ payload: again.body, secret: sandboxApps.stripe.webhookSecret });
    const res = await fetch(`${receivers.origin}/api/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": sig }, body: again.body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: true });
    expect((await eventsOf("stripe")).filter((e) => e.eventId === again.eventId)).toHaveLength(1);
    expect(await db.select().from(payments).where(eq(payments.invoiceId, invoice.id))).toHaveLength(1);
  });
});
