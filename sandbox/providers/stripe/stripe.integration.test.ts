import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps } from "../../config";
import { startHarness, startReceiver, type Harness } from "../test-support";
import { encodeStripeForm } from "./form";
import { createStripeEmulator } from "./index";

const key = sandboxApps.stripe.secretKey;
let h: Harness;
let stripe: Stripe;
const emulator = createStripeEmulator();

beforeAll(async () => {
  h = await startHarness([emulator]);
  const url = new URL(h.stripeOrigin);
  stripe = new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 0 });
});
afterAll(async () => h?.close());

/** A raw form-encoded call, as the SDK would send it. */
async function call(method: string, path: string, body?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.stripeOrigin}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: body ? encodeStripeForm(body) : undefined,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> & { id: string } };
}

describe("Stripe emulator with the official stripe SDK", () => {
  it("creates customers and lists them page by page with starting_after", async () => {
    emulator.reset();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await stripe.customers.create({ email: `c${i}@example.com`, name: `Customer ${i}`, metadata: { n: String(i) } })).id);
    const page1 = await stripe.customers.list({ limit: 2 });
    expect(page1.data.map((c) => c.id)).toEqual([created[4], created[3]]);
    expect(page1.has_more).toBe(true);
    const page2 = await stripe.customers.list({ limit: 2, starting_after: page1.data[1].id });
    expect(page2.data.map((c) => c.id)).toEqual([created[2], created[1]]);
    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 2 })) all.push(c.id);
    expect(all).toEqual([...created].reverse());
    const back = await stripe.customers.list({ limit: 2, ending_before: created[2] });
    expect(back.data.map((c) => c.id)).toEqual([created[4], created[3]]);
    const one = await stripe.customers.retrieve(created[0]);
    expect(one).toMatchObject({ email: "c0@example.com", metadata: { n: "0" } });
  });

  it("creates a checkout session and a signed webhook the SDK can verify after paying it", async () => {
    emulator.reset();
    const receiver = await startReceiver();
    try {
      const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["checkout.session.completed"] });
      expect(endpoint.secret).toMatch(/^whsec_/);
      const product = await stripe.products.create({ name: "Bookkeeping", default_price_data: { currency: "gbp", unit_amount: 14900 } });
      const session = await stripe.checkout.sessions.create({
        mode: "payment", success_url: "https://hub.example/success?cs={CHECKOUT_SESSION_ID}",
        line_items: [{ price: String(product.default_price), quantity: 2 }], customer_email: "payer@example.com",
      });
      expect(session).toMatchObject({ status: "open", amount_total: 29800, currency: "gbp", payment_status: "unpaid" });
      // A person opens the hosted page and clicks "Pay".
      const pageRes = await fetch(session.url!);
      expect(await pageRes.text()).toContain(">Pay</button>");
      const pay = await fetch(`${h.stripeOrigin}/checkout/${session.id}/pay`, { method: "POST", body: "email=payer%40example.com", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
      expect(pay.status).toBe(303);
      expect(pay.headers.get("location")).toBe(`https://hub.example/success?cs=${session.id}`);
      expect(receiver.received).toHaveLength(1);
      const delivery = receiver.received[0];
      const event = stripe.webhooks.constructEvent(delivery.body, String(delivery.headers["stripe-signature"]), endpoint.secret!);
      expect(event.type).toBe("checkout.session.completed");
      const paid = event.data.object as Stripe.Checkout.Session;
      expect(paid).toMatchObject({ id: session.id, status: "complete", payment_status: "paid" });
      const pi = await stripe.paymentIntents.retrieve(String(paid.payment_intent));
      expect(pi.status).toBe("succeeded");
      expect(() => stripe.webhooks.constructEvent(delivery.body, String(delivery.headers["stripe-signature"]), "whsec_wrong")).toThrow();
      const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
      expect(refund).toMatchObject({ amount: 1000, status: "succeeded", payment_intent: pi.id });
    } finally {
      await receiver.close();
    }
  });

  it("runs an invoice through create, finalize and pay", async () => {
    const customer = await stripe.customers.create({ email: "inv@example.com", name: "Invoice Ltd" });
    const draft = await stripe.invoices.create({ customer: customer.id, collection_method: "send_invoice", days_until_due: 14 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 5000, currency: "usd", description: "Consulting" });
    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open).toMatchObject({ status: "open", amount_due: 5000 });
    expect(open.number).toMatch(/-0001$/);
    const paid = await stripe.invoices.pay(draft.id);
    expect(paid).toMatchObject({ status: "paid", amount_paid: 5000, amount_remaining: 0 });
    const listed = await stripe.invoices.list({ customer: customer.id, status: "paid" });
    expect(listed.data.map((i) => i.id)).toEqual([draft.id]);
  });

  it("answers a wrong key with Stripe's 401 and an unknown id with resource_missing", async () => {
    const res = await fetch(`${h.stripeOrigin}/v1/customers`, { headers: { authorization: "Bearer sk_test_wrongwrongwrong1234" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_" + "*".repeat(15) + "1234" } });
    const basic = await fetch(`${h.stripeOrigin}/v1/customers`, { headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` } });
    expect(basic.status).toBe(200);
    await expect(stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({ type: "StripeInvalidRequestError", code: "resource_missing", statusCode: 404 });
  });

  it("replays an Idempotency-Key and refuses it with other parameters", async () => {
    const a = await call("POST", "/v1/customers", { email: "idem@example.com" }, { "idempotency-key": "k-1" });
    const b = await call("POST", "/v1/customers", { email: "idem@example.com" }, { "idempotency-key": "k-1" });
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    const c = await call("POST", "/v1/customers", { email: "other@example.com" }, { "idempotency-key": "k-1" });
    expect(c.status).toBe(400);
    expect((c.body.error as { type: string }).type).toBe("idempotency_error");
  });
});
