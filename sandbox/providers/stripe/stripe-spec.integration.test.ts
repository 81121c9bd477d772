import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps } from "../../config";
import { loadSpec, type SpecValidator } from "../../testing/openapi";
import { startHarness, type Harness } from "../test-support";
import { encodeStripeForm } from "./form";
import { createStripeEmulator } from "./index";

let h: Harness;
let spec: SpecValidator;
const emulator = createStripeEmulator();
beforeAll(async () => {
  h = await startHarness([emulator]);
  spec = loadSpec("stripe/spec3.yaml"); // ~2 s: loaded once for the whole file
});
afterAll(async () => h?.close());

/** Calls the emulator and validates the answer against spec3.yaml for that operation. */
async function checked(method: string, path: string, body?: Record<string, unknown>) {
  const res = await fetch(`${h.stripeOrigin}${path}`, {
    method, body: body ? encodeStripeForm(body) : undefined,
    headers: { authorization: `Bearer ${sandboxApps.stripe.secretKey}`, "content-type": "application/x-www-form-urlencoded" },
  });
  const json = (await res.json()) as Record<string, unknown> & { id: string };
  const template = spec.template(path.split("?")[0]);
  expect(template, `no spec path for ${path}`).toBeDefined();
  spec.assertResponse(method, template!, res.status, json);
  return json;
}

describe("Stripe emulator responses match Stripe's OpenAPI spec", () => {
  it("validates every emulated operation", async () => {
    const cus = await checked("POST", "/v1/customers", { email: "a@example.com", name: "Ada", metadata: { k: "v" }, address: { city: "London", country: "GB" } });
    await checked("GET", `/v1/customers/${cus.id}`);
    await checked("POST", `/v1/customers/${cus.id}`, { phone: "+44 20 7946 0000" });
    await checked("GET", "/v1/customers?limit=1");
    const prod = await checked("POST", "/v1/products", { name: "Tee", default_price_data: { currency: "gbp", unit_amount: 2500 } });
    await checked("GET", `/v1/products/${prod.id}`);
    await checked("GET", "/v1/products");
    const price = await checked("POST", "/v1/prices", { product: prod.id, currency: "gbp", unit_amount: 900, recurring: { interval: "month" } });
    await checked("GET", `/v1/prices/${price.id}`);
    await checked("GET", "/v1/prices");
    const link = await checked("POST", "/v1/payment_links", { line_items: [{ price: String(prod.default_price), quantity: 1 }] });
    await checked("GET", `/v1/payment_links/${link.id}`);
    await checked("GET", `/v1/payment_links/${link.id}/line_items`);
    await checked("GET", "/v1/payment_links");
    const cs = await checked("POST", "/v1/checkout/sessions", { mode: "payment", success_url: "https://x.example/ok", line_items: [{ price_data: { currency: "gbp", unit_amount: 1200, product_data: { name: "Fee" } }, quantity: 2 }] });
    await checked("GET", `/v1/checkout/sessions/${cs.id}/line_items`);
    await emulator.change!({ action: "pay_checkout_session", id: cs.id });
    const paid = await checked("GET", `/v1/checkout/sessions/${cs.id}`);
    await checked("GET", "/v1/checkout/sessions");
    const pi = await checked("GET", `/v1/payment_intents/${String(paid.payment_intent)}`);
    await checked("GET", "/v1/payment_intents");
    const pi2 = await checked("POST", "/v1/payment_intents", { amount: 500, currency: "gbp", customer: cus.id });
    await checked("POST", `/v1/payment_intents/${pi2.id}/confirm`, { payment_method: "pm_card_visa" });
    // A declined card: the 402 card_error, then the intent with last_payment_error and the failed charge.
    const declined = await checked("POST", "/v1/payment_intents", { amount: 700, currency: "gbp", payment_method: "pm_card_chargeDeclinedInsufficientFunds", confirm: true }) as unknown as { error: { payment_intent: { id: string }; charge: string; payment_method: { id: string } } };
    expect(declined.error).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds" });
    await checked("GET", `/v1/payment_intents/${declined.error.payment_intent.id}`);
    await checked("GET", `/v1/charges/${declined.error.charge}`);
    await checked("GET", `/v1/payment_methods/${declined.error.payment_method.id}`);
    const disputed = await checked("POST", "/v1/payment_intents", { amount: 900, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });
    await checked("GET", `/v1/charges/${String(disputed.latest_charge)}`);
    await checked("GET", "/v1/charges");
    const disputes = await checked("GET", `/v1/disputes?payment_intent=${disputed.id}`);
    await checked("GET", `/v1/disputes/${(disputes.data as { id: string }[])[0]!.id}`);
    const re = await checked("POST", "/v1/refunds", { payment_intent: pi.id, amount: 100 });
    await checked("GET", `/v1/refunds/${re.id}`);
    await checked("GET", "/v1/refunds");
    const inv = await checked("POST", "/v1/invoices", { customer: cus.id, collection_method: "send_invoice", days_until_due: 30 });
    await checked("POST", "/v1/invoiceitems", { customer: cus.id, invoice: inv.id, price: price.id });
    await checked("GET", "/v1/invoiceitems");
    await checked("POST", `/v1/invoices/${inv.id}/finalize`);
    await checked("POST", `/v1/invoices/${inv.id}/send`);
    await checked("POST", `/v1/invoices/${inv.id}/pay`);
    await checked("GET", `/v1/invoices/${inv.id}`);
    await checked("GET", `/v1/invoices/${inv.id}/lines`);
    await checked("GET", "/v1/invoices?status=paid");
    const we = await checked("POST", "/v1/webhook_endpoints", { url: "https://hub.example/wh", enabled_events: ["*"] });
    await checked("GET", "/v1/webhook_endpoints");
    await checked("DELETE", `/v1/webhook_endpoints/${we.id}`);
    const events = await checked("GET", "/v1/events?limit=100");
    const types = (events.data as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining([
      "customer.created", "checkout.session.completed", "payment_intent.succeeded", "invoice.paid", "charge.succeeded", "charge.updated",
      "charge.failed", "payment_intent.payment_failed", "charge.refunded", "refund.created", "charge.dispute.created",
    ]));
    for (const e of events.data as { id: string }[]) spec.assertResponse("GET", "/v1/events/{id}", 200, e);
    await checked("DELETE", `/v1/customers/${cus.id}`);
    await checked("GET", "/v1/customers/cus_nope"); // 404 validates against the error schema
    const draft = await checked("POST", "/v1/invoices", { customer: (await checked("POST", "/v1/customers", {})).id });
    await checked("DELETE", `/v1/invoices/${draft.id}`);
  });

  it("fails on a deliberately wrong response", async () => {
    const cus = await checked("POST", "/v1/customers", { email: "b@example.com" });
    const r = spec.validateResponse("GET", "/v1/customers/{customer}", 200, { ...cus, created: "yesterday", livemode: "no" });
    expect(r.ok).toBe(false);
    expect(r.errors.join("\n")).toMatch(/\/created must be integer/);
  });

  it("answers 429 in Stripe's shape past the rate limit, 5xx bursts, and latency", async () => {
    h.ctx.faults.clear("stripe"); // fresh counting window
    h.ctx.faults.set("stripe", { rateLimit: 3, rateWindowSeconds: 60 });
    const statuses: number[] = [];
    let last: unknown;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${h.stripeOrigin}/v1/customers`, { headers: { authorization: `Bearer ${sandboxApps.stripe.secretKey}` } });
      statuses.push(res.status);
      last = await res.json();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last).toMatchObject({ error: { type: "invalid_request_error", code: "rate_limit" } });
    spec.assertResponse("GET", "/v1/customers", 429, last);
    h.ctx.faults.clear("stripe");
    h.ctx.faults.set("stripe", { errorBurst: 2, errorStatus: 500, latencyMs: 150 });
    const t0 = Date.now();
    const burst = [];
    for (let i = 0; i < 3; i++) burst.push((await fetch(`${h.stripeOrigin}/v1/customers`, { headers: { authorization: `Bearer ${sandboxApps.stripe.secretKey}` } })).status);
    expect(burst).toEqual([500, 500, 200]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    h.ctx.faults.clear("stripe");
  });
});
