/**
 * Payment links, checkout sessions, payment intents and refunds:
 * /v1/payment_links, /v1/checkout/sessions, /v1/payment_intents, /v1/refunds.
 */
import type { Router, SandboxRequest } from "../../core/http";
import { createPaymentLink, createSession } from "./checkout";
import { missingParam, noSuch, stripeError } from "./errors";
import { confirmWithCard, noSuchPaymentMethod, recordRefund, resolvePaymentMethod, TEST_PAYMENT_METHODS } from "./charges";
import { mergeMetadata, paymentIntent, refund } from "./objects";
import { paginate, type StripeObject } from "./store";
import { idempotent, params, type StripeState } from "./state";
import { filtered } from "./routes-core";

const ok = (body: unknown) => ({ status: 200, body });
const isObject = (v: unknown): v is StripeObject => typeof v === "object" && v !== null && "object" in v;

export function mountPayments(r: Router, s: StripeState) {
  const { store, events } = s;
  const lineList = (req: SandboxRequest, owner: string, url: string) => {
    const q = params(req) as Record<string, string>;
    const lines = [...(store.lines.get(owner) ?? [])].reverse(); // paginate() expects newest first
    const page = paginate(lines, q, url);
    return ok({ ...page, data: page.data });
  };

  r.post("/v1/payment_links", idempotent(s, (req) => {
    const link = createPaymentLink(s, params(req), req.origin);
    if (!isObject(link)) return link;
    events.emit("payment_link.created", link);
    return ok(link);
  }));
  r.get("/v1/payment_links", (req) => ok(paginate(store.all("payment_link"), params(req) as Record<string, string>, "/v1/payment_links")));
  r.get("/v1/payment_links/:id", (req) => {
    const l = store.get("payment_link", req.params.id);
    return l ? ok(l) : noSuch("payment link", req.params.id);
  });
  r.get("/v1/payment_links/:id/line_items", (req) =>
    store.get("payment_link", req.params.id) ? lineList(req, req.params.id, `/v1/payment_links/${req.params.id}/line_items`) : noSuch("payment link", req.params.id));

  r.post("/v1/checkout/sessions", idempotent(s, (req) => {
    const p = params(req);
    if (typeof p.success_url !== "string" && p.ui_mode !== "embedded") return missingParam("success_url");
    const session = createSession(s, p, req.origin);
    return isObject(session) ? ok(session) : session;
  }));
  r.get("/v1/checkout/sessions", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("checkout.session"), q, ["customer", "payment_intent", "payment_link", "status"]), q as Record<string, string>, "/v1/checkout/sessions"));
  });
  r.get("/v1/checkout/sessions/:id", (req) => {
    const cs = store.get("checkout.session", req.params.id);
    return cs ? ok(cs) : noSuch("checkout.session", req.params.id, "session");
  });
  r.get("/v1/checkout/sessions/:id/line_items", (req) =>
    store.get("checkout.session", req.params.id) ? lineList(req, req.params.id, `/v1/checkout/sessions/${req.params.id}/line_items`) : noSuch("checkout.session", req.params.id, "session"));
  r.post("/v1/checkout/sessions/:id/expire", idempotent(s, (req) => {
    const cs = store.get("checkout.session", req.params.id);
    if (!cs) return noSuch("checkout.session", req.params.id, "session");
    if (cs.status !== "open") return stripeError(400, "invalid_request_error", `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(cs.status)}".`);
    cs.status = "expired";
    events.emit("checkout.session.expired", cs);
    return ok(cs);
  }));

  r.post("/v1/payment_intents", idempotent(s, (req) => {
    const p = params(req);
    if (typeof p.amount !== "string") return missingParam("amount");
    if (typeof p.currency !== "string") return missingParam("currency");
    const pmRef = typeof p.payment_method === "string" ? p.payment_method : undefined;
    // An unknown PaymentMethod is refused before anything is created, as Stripe does.
    if (pmRef && !(pmRef in TEST_PAYMENT_METHODS) && !store.get("payment_method", pmRef)) return noSuchPaymentMethod(pmRef);
    if (p.confirm === "true" && !pmRef) return missingParam("payment_method");
    const pi = store.put(paymentIntent(store, {
      amount: Number(p.amount), currency: p.currency, customer: typeof p.customer === "string" ? p.customer : null,
      description: typeof p.description === "string" ? p.description : null, metadata: mergeMetadata({}, p.metadata),
    }));
    events.emit("payment_intent.created", pi);
    if (pmRef && p.confirm === "true") {
      const paid = confirmWithCard(s, pi, pmRef);
      if ("error" in paid) return paid.error;
      events.emit("payment_intent.succeeded", pi);
    } else if (pmRef) {
      // Attached for a later confirm (POST /v1/payment_intents/:id/confirm).
      pi.payment_method = resolvePaymentMethod(store, pmRef, pi)!.pm.id;
      pi.status = "requires_confirmation";
    }
    return ok(pi);
  }));
  r.get("/v1/payment_intents", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("payment_intent"), q, ["customer"]), q as Record<string, string>, "/v1/payment_intents"));
  });
  r.get("/v1/payment_intents/:id", (req) => {
    const pi = store.get("payment_intent", req.params.id);
    return pi ? ok(pi) : noSuch("payment_intent", req.params.id, "intent");
  });
  r.post("/v1/payment_intents/:id/confirm", idempotent(s, (req) => {
    const pi = store.get("payment_intent", req.params.id);
    if (!pi) return noSuch("payment_intent", req.params.id, "intent");
    if (pi.status === "succeeded") return stripeError(400, "invalid_request_error", "This PaymentIntent's payment_method could not be updated because it has a status of succeeded.", { code: "payment_intent_unexpected_state" });
    const p = params(req);
    const pm = typeof p.payment_method === "string" ? p.payment_method : typeof pi.payment_method === "string" ? pi.payment_method : undefined;
    if (!pm) {
      return stripeError(400, "invalid_request_error", "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with cus_, specify a payment method attached to this customer along with the customer ID.", { code: "payment_intent_unexpected_state" });
    }
    const paid = confirmWithCard(s, pi, pm);
    if ("error" in paid) return paid.error;
    events.emit("payment_intent.succeeded", pi);
    return ok(pi);
  }));

  // Charges, disputes and payment methods are made by payments (charges.ts); the API reads them.
  for (const [type, path, filters] of [
    ["charge", "/v1/charges", ["customer", "payment_intent"]],
    ["dispute", "/v1/disputes", ["charge", "payment_intent"]],
  ] as const) {
    r.get(path, (req) => {
      const q = params(req);
      return ok(paginate(filtered(store.all(type), q, [...filters]), q as Record<string, string>, path));
    });
    r.get(`${path}/:id`, (req) => {
      const o = store.get(type, req.params.id);
      return o ? ok(o) : noSuch(type, req.params.id, type);
    });
  }
  r.get("/v1/payment_methods/:id", (req) => {
    const pm = store.get("payment_method", req.params.id);
    return pm ? ok(pm) : noSuch("PaymentMethod", req.params.id, "payment_method");
  });

  r.post("/v1/refunds", idempotent(s, (req) => {
    const p = params(req);
    const piId = typeof p.payment_intent === "string" ? p.payment_intent : undefined;
    const byCharge = typeof p.charge === "string" ? store.all("payment_intent").find((x) => x.latest_charge === p.charge) : undefined;
    const pi = piId ? store.get("payment_intent", piId) : byCharge;
    if (!piId && !p.charge) return missingParam("payment_intent");
    if (!pi) return noSuch(piId ? "payment_intent" : "charge", String(piId ?? p.charge), piId ? "payment_intent" : "charge");
    if (pi.status !== "succeeded") return stripeError(400, "invalid_request_error", `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { code: "charge_not_refundable" });
    const already = store.all("refund").filter((x) => x.payment_intent === pi.id).reduce((n, x) => n + Number(x.amount), 0);
    const re = refund(store, pi, p, already);
    if (Number(re.amount) + already > Number(pi.amount_received)) {
      return stripeError(400, "invalid_request_error", `Refund amount ($${(Number(re.amount) / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${((Number(pi.amount_received) - already) / 100).toFixed(2)})`, { code: "amount_too_large", param: "amount" });
    }
    store.put(re);
    events.emit("refund.created", re);
    recordRefund(s, pi.latest_charge, re);
    return ok(re);
  }));
  r.get("/v1/refunds", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("refund"), q, ["payment_intent", "charge"]), q as Record<string, string>, "/v1/refunds"));
  });
  r.get("/v1/refunds/:id", (req) => {
    const re = store.get("refund", req.params.id);
    return re ? ok(re) : noSuch("refund", req.params.id, "refund");
  });
}
