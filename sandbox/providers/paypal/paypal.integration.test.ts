import { verify, X509Certificate } from "node:crypto";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps, sandboxPaths } from "../../config";
import { loadSpec } from "../../testing/openapi";
import { itWithSpecs } from "../../testing/provider-specs";
import { startHarness, startReceiver, type Harness } from "../test-support";
import { createPayPalEmulator } from "./index";

const paypal = createPayPalEmulator();
let h: Harness;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let token: string;
beforeAll(async () => {
  h = await startHarness([paypal]);
  rx = await startReceiver();
  h.ctx.webhookTargets.set("paypal", rx.url);
});
afterAll(async () => {
  await rx?.close();
  await h?.close();
});

async function pp(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.origin}${sandboxPaths.paypal.apiBaseUrl}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

describe("PayPal emulator over fetch", () => {
  it("issues a client-credentials token with Basic auth and refuses bad clients", async () => {
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
    const res = await fetch(`${h.origin}${sandboxPaths.paypal.tokenUrl}`, { method: "POST", headers: { authorization: basic(sandboxApps.paypal.clientId, sandboxApps.paypal.clientSecret), "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 32400 });
    token = body.access_token;
    const bad = await fetch(`${h.origin}${sandboxPaths.paypal.tokenUrl}`, { method: "POST", headers: { authorization: basic(sandboxApps.paypal.clientId, "nope") }, body: "grant_type=client_credentials" });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: "invalid_client", error_description: "Client Authentication failed" });
    expect((await fetch(`${h.origin}${sandboxPaths.paypal.apiBaseUrl}/v2/invoicing/invoices`)).status).toBe(401);
  });

  itWithSpecs?.("runs invoices through draft, send, list pages, record payment and cancel; responses match invoicing_v2.json", async () => {
    const spec = loadSpec("paypal/invoicing_v2.json");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await pp("POST", "/v2/invoicing/invoices", {
        detail: { currency_code: "GBP", note: "Thanks" }, primary_recipients: [{ billing_info: { email_address: `c${i}@example.com`, name: { given_name: "Ada", surname: "Lovelace" } } }],
        items: [{ name: "Bookkeeping", quantity: "2", unit_amount: { currency_code: "GBP", value: "60.00" } }],
      });
      expect(created.status).toBe(201);
      spec.assertResponse("POST", "/v2/invoicing/invoices", 201, created.body);
      ids.push(String(created.body.id));
    }
    const one = await pp("GET", `/v2/invoicing/invoices/${ids[0]}`);
    expect(one.body).toMatchObject({ status: "DRAFT", amount: { currency_code: "GBP", value: "120.00" } });
    spec.assertResponse("GET", "/v2/invoicing/invoices/{invoice_id}", 200, one.body);
    const page1 = await pp("GET", "/v2/invoicing/invoices?page=1&page_size=2&total_required=true");
    expect(page1.body).toMatchObject({ total_items: 3, total_pages: 2 });
    expect((page1.body.items as unknown[]).length).toBe(2);
    spec.assertResponse("GET", "/v2/invoicing/invoices", 200, page1.body);
    const send = await pp("POST", `/v2/invoicing/invoices/${ids[0]}/send`, { send_to_invoicer: true });
    spec.assertResponse("POST", "/v2/invoicing/invoices/{invoice_id}/send", 200, send.body);
    const pay = await pp("POST", `/v2/invoicing/invoices/${ids[0]}/payments`, { method: "BANK_TRANSFER", payment_date: "2026-01-20", amount: { currency_code: "GBP", value: "120.00" } });
    spec.assertResponse("POST", "/v2/invoicing/invoices/{invoice_id}/payments", 200, pay.body);
    expect((await pp("GET", `/v2/invoicing/invoices/${ids[0]}`)).body).toMatchObject({ status: "MARKED_AS_PAID", due_amount: { value: "0.00" } });
    await pp("POST", `/v2/invoicing/invoices/${ids[1]}/send`, {});
    expect((await pp("POST", `/v2/invoicing/invoices/${ids[1]}/cancel`, {})).status).toBe(204);
    const missing = await pp("GET", "/v2/invoicing/invoices/INV2-NOPE");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ name: "RESOURCE_NOT_FOUND", debug_id: expect.any(String), details: [{ issue: "INVALID_RESOURCE_ID" }] });
    spec.assertResponse("GET", "/v2/invoicing/invoices/{invoice_id}", 404, missing.body);
    expect(spec.validateResponse("GET", "/v2/invoicing/invoices/{invoice_id}", 200, { ...one.body, status: "SOMETHING_ELSE" }).ok).toBe(false);
  });

  itWithSpecs?.("creates, approves and captures an order, refunds the capture; responses match the orders and payments specs", async () => {
    const orders = loadSpec("paypal/checkout_orders_v2.json");
    const created = await pp("POST", "/v2/checkout/orders", { intent: "CAPTURE", purchase_units: [{ amount: { currency_code: "USD", value: "25.00" } }] });
    expect(created.status).toBe(201);
    orders.assertResponse("POST", "/v2/checkout/orders", 201, created.body);
    const early = await pp("POST", `/v2/checkout/orders/${String(created.body.id)}/capture`, {});
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ name: "UNPROCESSABLE_ENTITY", details: [{ issue: "ORDER_NOT_APPROVED" }] });
    const approveLink = (created.body.links as { rel: string; href: string }[]).find((l) => l.rel === "approve")!.href;
    expect(await (await fetch(approveLink)).text()).toContain(">Approve</button>");
    await fetch(approveLink, { method: "POST" });
    const captured = await pp("POST", `/v2/checkout/orders/${String(created.body.id)}/capture`, {});
    expect(captured.body).toMatchObject({ status: "COMPLETED" });
    orders.assertResponse("POST", "/v2/checkout/orders/{id}/capture", 201, captured.body);
    orders.assertResponse("GET", "/v2/checkout/orders/{id}", 200, (await pp("GET", `/v2/checkout/orders/${String(created.body.id)}`)).body);
    const captureId = ((captured.body.purchase_units as { payments: { captures: { id: string }[] } }[])[0]).payments.captures[0].id;
    const refund = await pp("POST", `/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: "USD", value: "5.00" } });
    expect(refund.status).toBe(201);
    loadSpec("paypal/payments_payment_v2.json").assertResponse("POST", "/v2/payments/captures/{capture_id}/refund", 201, refund.body);
    const tooMuch = await pp("POST", `/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: "USD", value: "50.00" } });
    expect(tooMuch.status).toBe(422);
  });

  itWithSpecs?.("signs webhooks with PayPal transmission headers that verify-webhook-signature confirms", async () => {
    await paypal.state.flush();
    expect(rx.received.length).toBeGreaterThan(0);
    const hooks = loadSpec("paypal/notifications_webhooks_v1.json");
    for (const d of rx.received) {
      const verify = {
        auth_algo: String(d.headers["paypal-auth-algo"]), cert_url: String(d.headers["paypal-cert-url"]), transmission_id: String(d.headers["paypal-transmission-id"]),
        transmission_sig: String(d.headers["paypal-transmission-sig"]), transmission_time: String(d.headers["paypal-transmission-time"]),
        webhook_id: sandboxApps.paypal.webhookId, webhook_event: JSON.parse(d.body),
      };
      const ok = await pp("POST", "/v1/notifications/verify-webhook-signature", verify);
      expect(ok.body).toEqual({ verification_status: "SUCCESS" });
      hooks.assertResponse("POST", "/v1/notifications/verify-webhook-signature", 200, ok.body);
      const tampered = await pp("POST", "/v1/notifications/verify-webhook-signature", { ...verify, webhook_event: { ...verify.webhook_event, summary: "forged" } });
      expect(tampered.body).toEqual({ verification_status: "FAILURE" });
      const wrongId = await pp("POST", "/v1/notifications/verify-webhook-signature", { ...verify, webhook_id: "WH-OTHER" });
      expect(wrongId.body).toEqual({ verification_status: "FAILURE" });
    }
    const types = rx.received.map((d) => JSON.parse(d.body).event_type);
    expect(types).toEqual(expect.arrayContaining(["INVOICING.INVOICE.PAID", "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.REFUNDED"]));
  });

  itWithSpecs?.("signs with the key of a real X.509 certificate at PAYPAL-CERT-URL; captures carry supplementary_data.related_ids.order_id", async () => {
    const created = await pp("POST", "/v2/checkout/orders", { intent: "CAPTURE", purchase_units: [{ amount: { currency_code: "EUR", value: "80.00" } }] });
    const orderId = String(created.body.id);
    await paypal.change!({ action: "approve_order", id: orderId });
    const captured = await pp("POST", `/v2/checkout/orders/${orderId}/capture`, {});
    const captureId = ((captured.body.purchase_units as { payments: { captures: { id: string }[] } }[])[0]).payments.captures[0].id;
    await paypal.state.flush();
    const delivery = rx.received.find((d) => JSON.parse(d.body).resource?.id === captureId)!;
    const event = JSON.parse(delivery.body);
    expect(event).toMatchObject({ event_type: "PAYMENT.CAPTURE.COMPLETED", resource: { id: captureId, supplementary_data: { related_ids: { order_id: orderId } } } });
    const capture = await pp("GET", `/v2/payments/captures/${captureId}`);
    expect(capture.body).toMatchObject({ supplementary_data: { related_ids: { order_id: orderId } }, seller_receivable_breakdown: { gross_amount: { value: "80.00" } } });
    loadSpec("paypal/payments_payment_v2.json").assertResponse("GET", "/v2/payments/captures/{capture_id}", 200, capture.body);

    // What a receiver does: fetch the certificate, check the signature itself with its public key.
    const h = (name: string) => String(delivery.headers[name]);
    const pem = await (await fetch(h("paypal-cert-url"))).text();
    const cert = new X509Certificate(pem);
    expect(cert.subject).toContain("CN=messageverificationcerts.sandbox.paypal.com");
    expect(cert.checkIssued(cert)).toBe(true);
    const signed = (body: string) => `${h("paypal-transmission-id")}|${h("paypal-transmission-time")}|${sandboxApps.paypal.webhookId}|${crc32(Buffer.from(body))}`;
    const sig = Buffer.from(h("paypal-transmission-sig"), "base64");
    expect(verify("sha256", Buffer.from(signed(delivery.body)), cert.publicKey, sig)).toBe(true);
    const flippedBody = delivery.body.replace(`"${orderId}"`, `"${orderId.slice(0, -1)}X"`);
    expect(verify("sha256", Buffer.from(signed(flippedBody)), cert.publicKey, sig)).toBe(false);

    // And PayPal's verify endpoint agrees, refusing a flipped signature byte or a foreign certificate.
    const body = {
      auth_algo: h("paypal-auth-algo"), cert_url: h("paypal-cert-url"), transmission_id: h("paypal-transmission-id"), transmission_sig: h("paypal-transmission-sig"),
      transmission_time: h("paypal-transmission-time"), webhook_id: sandboxApps.paypal.webhookId, webhook_event: event,
    };
    expect((await pp("POST", "/v1/notifications/verify-webhook-signature", body)).body).toEqual({ verification_status: "SUCCESS" });
    const flippedSig = Buffer.from(sig);
    flippedSig[10] ^= 0x01;
    expect((await pp("POST", "/v1/notifications/verify-webhook-signature", { ...body, transmission_sig: flippedSig.toString("base64") })).body).toEqual({ verification_status: "FAILURE" });
    expect((await pp("POST", "/v1/notifications/verify-webhook-signature", { ...body, cert_url: "https://attacker.example/cert.pem" })).body).toEqual({ verification_status: "FAILURE" });
  });

  it("injects 5xx bursts and rate limits in PayPal's error shape", async () => {
    h.ctx.faults.set("paypal", { errorBurst: 1, errorStatus: 503 });
    const burst = await pp("GET", "/v2/invoicing/invoices");
    expect(burst.status).toBe(503);
    expect(burst.body).toMatchObject({ name: "SERVICE_UNAVAILABLE" });
    h.ctx.faults.clear("paypal");
    h.ctx.faults.set("paypal", { rateLimit: 1, rateWindowSeconds: 60 });
    await pp("GET", "/v2/invoicing/invoices");
    const limited = await pp("GET", "/v2/invoicing/invoices");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ name: "RATE_LIMIT_REACHED" });
    h.ctx.faults.clear("paypal");
  });
});
