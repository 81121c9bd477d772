/**
 * PayPal Checkout Orders v2 (create, get, capture after the buyer approves on the sandbox's
 * approve page) and Payments v2 refunds of a capture.
 */
import { json, parseBody, type Router } from "../../core/http";
import { API, iso, money, notFound, ppError, unprocessable } from "./common";
import type { PayPalState } from "./state";

type Obj = Record<string, unknown>;
type Unit = { reference_id?: string; amount: { currency_code: string; value: string }; payments?: Obj };

export function orderLinks(origin: string, o: Obj) {
  const id = String(o.id);
  return [
    { href: `${origin}${API}/v2/checkout/orders/${id}`, rel: "self", method: "GET" },
    ...(o.status === "CREATED" ? [{ href: `${origin}/paypal/www/checkoutnow?token=${id}`, rel: "approve", method: "GET" }] : []),
    ...(o.status === "APPROVED" ? [{ href: `${origin}${API}/v2/checkout/orders/${id}/capture`, rel: "capture", method: "POST" }] : []),
  ];
}

export function mountOrders(r: Router, s: PayPalState) {
  const base = `${API}/v2/checkout/orders`;
  const view = (origin: string, o: Obj) => ({ ...o, links: orderLinks(origin, o) });

  r.post(base, (req) => {
    const b = parseBody(req);
    const units = Array.isArray(b.purchase_units) ? (b.purchase_units as Unit[]) : [];
    if (!b.intent || units.length === 0 || !units.every((u) => u?.amount?.currency_code && u.amount.value)) {
      return ppError(400, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", [{ issue: "MISSING_REQUIRED_PARAMETER", field: units.length ? "/purchase_units/0/amount" : "/purchase_units", location: "body", description: "A required field / parameter is missing." }]);
    }
    s.counter += 1;
    const id = `5SBX${String(s.counter).padStart(13, "0")}`;
    const now = iso();
    const order: Obj = { id, intent: String(b.intent), status: "CREATED", purchase_units: units.map((u, i) => ({ reference_id: u.reference_id ?? (i === 0 ? "default" : `unit-${i}`), amount: u.amount })), create_time: now, update_time: now };
    s.orders.set(id, order);
    return json(201, view(req.origin, order));
  });

  r.get(`${base}/:id`, (req) => {
    const o = s.orders.get(req.params.id);
    return o ? json(200, view(req.origin, o)) : notFound();
  });

  r.post(`${base}/:id/capture`, (req) => {
    const o = s.orders.get(req.params.id);
    if (!o) return notFound();
    if (o.status === "COMPLETED") return unprocessable("ORDER_ALREADY_CAPTURED", "Order already captured. If 'intent=CAPTURE' only one capture per order is allowed.");
    if (o.status !== "APPROVED") return unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.");
    const now = iso();
    for (const u of o.purchase_units as Unit[]) {
      s.counter += 1;
      const captureId = `3SBX${String(s.counter).padStart(13, "0")}`;
      const capture: Obj = {
        id: captureId, status: "COMPLETED", amount: u.amount, final_capture: true,
        seller_protection: { status: "ELIGIBLE", dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"] }, create_time: now, update_time: now,
        links: [
          { href: `${req.origin}${API}/v2/payments/captures/${captureId}`, rel: "self", method: "GET" },
          { href: `${req.origin}${API}/v2/payments/captures/${captureId}/refund`, rel: "refund", method: "POST" },
          { href: `${req.origin}${API}/v2/checkout/orders/${String(o.id)}`, rel: "up", method: "GET" },
        ],
      };
      u.payments = { captures: [capture] };
      // The capture resource itself (GET and webhooks) also carries the fee breakdown and, in
      // supplementary_data, the order it belongs to, as PayPal's PAYMENT.CAPTURE.* events do.
      const gross = Number((u.amount as { value: string }).value);
      const fee = Math.round((gross * 0.0349 + 0.49) * 100) / 100;
      const currency = (u.amount as { currency_code: string }).currency_code;
      const full: Obj = {
        ...capture,
        seller_receivable_breakdown: { gross_amount: money(currency, gross), paypal_fee: money(currency, fee), net_amount: money(currency, gross - fee) },
        supplementary_data: { related_ids: { order_id: String(o.id) } },
        payee: { email_address: "merchant@sandbox.example", merchant_id: "SBXMERCHANT23" },
      };
      s.captures.set(captureId, full);
      s.emit("PAYMENT.CAPTURE.COMPLETED", full, req.origin);
    }
    Object.assign(o, { status: "COMPLETED", update_time: now, payer: { name: { given_name: "Ada", surname: "Lovelace" }, email_address: "buyer@sandbox.example", payer_id: "SBXPAYER23456" } });
    s.emit("CHECKOUT.ORDER.COMPLETED", o, req.origin);
    return json(201, view(req.origin, o));
  });

  r.get(`${API}/v2/payments/captures/:id`, (req) => {
    const c = s.captures.get(req.params.id);
    if (!c) return notFound();
    const { refunded: _refunded, ...capture } = c;
    return json(200, capture);
  });

  r.post(`${API}/v2/payments/captures/:id/refund`, (req) => {
    const c = s.captures.get(req.params.id);
    if (!c) return notFound();
    const b = parseBody(req);
    const cap = c.amount as { currency_code: string; value: string };
    const amount = b.amount && typeof b.amount === "object" ? (b.amount as { value: string }).value : cap.value;
    const refunded = Number(c.refunded ?? 0) + Number(amount);
    if (refunded > Number(cap.value)) return unprocessable("REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.");
    c.refunded = refunded;
    c.status = refunded === Number(cap.value) ? "REFUNDED" : "PARTIALLY_REFUNDED";
    s.counter += 1;
    const now = iso();
    const refund = {
      id: `1SBX${String(s.counter).padStart(13, "0")}`, status: "COMPLETED", amount: money(cap.currency_code, Number(amount)),
      ...(typeof b.note_to_payer === "string" ? { note_to_payer: b.note_to_payer } : {}), create_time: now, update_time: now,
      links: [{ href: `${req.origin}${API}/v2/payments/refunds/${s.counter}`, rel: "self", method: "GET" }, { href: `${req.origin}${API}/v2/payments/captures/${String(c.id)}`, rel: "up", method: "GET" }],
    };
    s.emit("PAYMENT.CAPTURE.REFUNDED", refund, req.origin);
    return json(201, refund);
  });
}
