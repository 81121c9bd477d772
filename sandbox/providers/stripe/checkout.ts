/**
 * Checkout sessions and payment links: building them from `line_items` and completing a session
 * (what the hosted "Pay" button and the control API do): customer, payment intent, events.
 */
import { resolveLines, type LineResult } from "./lines";
import type { FormObject } from "./form";
import { succeed } from "./charges";
import { customer, mergeMetadata, paymentIntent } from "./objects";
import { now, type StripeObject } from "./store";
import type { StripeState } from "./state";

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export function createSession(s: StripeState, p: FormObject, stripeOrigin: string, link?: StripeObject): StripeObject | LineResult {
  const { store } = s;
  const lines = link ? (store.lines.get(link.id) ?? []) : resolveLines(s, p.line_items);
  if (!Array.isArray(lines)) return lines;
  const mode = str(p.mode) ?? "payment";
  const total = lines.reduce((n, l) => n + Number(l.amount_total), 0);
  const currency = lines[0] ? String(lines[0].currency) : null;
  const id = store.newId("checkout.session");
  const customerId = str(p.customer);
  const session: StripeObject = {
    id, object: "checkout.session", after_expiration: null, allow_promotion_codes: null, amount_subtotal: total, amount_total: total,
    automatic_tax: { enabled: false, status: null }, billing_address_collection: null, cancel_url: str(p.cancel_url),
    client_reference_id: str(p.client_reference_id), consent: null, consent_collection: null, created: now(), currency,
    currency_conversion: null, custom_fields: [], custom_text: { shipping_address: null, submit: null }, customer: customerId,
    customer_creation: customerId ? null : link ? "always" : "if_required", customer_details: null, customer_email: str(p.customer_email),
    expires_at: now() + 24 * 3600, invoice: null, invoice_creation: null, livemode: false, locale: null,
    metadata: mergeMetadata(link?.metadata ?? {}, p.metadata), mode, payment_intent: null, payment_link: link?.id ?? null,
    payment_method_collection: null, payment_method_options: {}, payment_method_types: ["card"], payment_status: "unpaid",
    phone_number_collection: { enabled: false }, recovered_from: null, setup_intent: null, shipping_address_collection: null,
    shipping_cost: null, shipping_details: null, shipping_options: [], status: "open", submit_type: null, subscription: null,
    success_url: str(p.success_url) ?? (link ? `${stripeOrigin}/checkout/${id}/done` : null),
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 }, url: `${stripeOrigin}/checkout/${id}`,
  };
  store.lines.set(id, lines.map((l) => ({ ...l, id: store.newId("line_item") })));
  return store.put(session);
}

export function createPaymentLink(s: StripeState, p: FormObject, stripeOrigin: string): StripeObject | LineResult {
  const { store } = s;
  const lines = resolveLines(s, p.line_items);
  if (!Array.isArray(lines)) return lines;
  const id = store.newId("payment_link");
  const link: StripeObject = {
    id, object: "payment_link", active: true, after_completion: { hosted_confirmation: { custom_message: null }, type: "hosted_confirmation" },
    allow_promotion_codes: false, application: null, application_fee_amount: null, application_fee_percent: null, automatic_tax: { enabled: false },
    billing_address_collection: "auto", consent_collection: null, created: now(), currency: lines[0] ? String(lines[0].currency) : "usd",
    custom_fields: [], custom_text: { shipping_address: null, submit: null }, customer_creation: "always", invoice_creation: null,
    livemode: false, metadata: mergeMetadata({}, p.metadata), on_behalf_of: null, payment_intent_data: null, payment_method_collection: "always",
    payment_method_types: null, phone_number_collection: { enabled: false }, shipping_address_collection: null, shipping_options: [],
    submit_type: "auto", subscription_data: null, tax_id_collection: { enabled: false }, transfer_data: null,
    url: `${stripeOrigin}/pay/${id}`,
  };
  store.lines.set(id, lines);
  return store.put(link);
}

/**
 * Pays an open session by card: creates (or reuses) the customer, a succeeded payment intent,
 * completes the session, then emits the events Stripe sends, in Stripe's order.
 */
export function completeSession(s: StripeState, session: StripeObject, payer: { email?: string; name?: string } = {}): StripeObject {
  const { store, events } = s;
  if (session.status !== "open") return session;
  const email = payer.email ?? (session.customer_email as string | null) ?? "customer@example.com";
  let customerId = session.customer as string | null;
  if (!customerId && session.customer_creation !== null) {
    const c = store.put(customer(store, { email, ...(payer.name ? { name: payer.name } : {}) }));
    events.emit("customer.created", c);
    customerId = c.id;
  }
  const pi = store.put(paymentIntent(store, {
    amount: Number(session.amount_total ?? 0), currency: String(session.currency ?? "usd"), customer: customerId, metadata: session.metadata as Record<string, string>,
  }));
  events.emit("payment_intent.created", pi);
  succeed(s, pi);
  Object.assign(session, {
    status: "complete", payment_status: "paid", payment_intent: pi.id, customer: customerId,
    customer_details: { address: null, email, name: payer.name ?? null, phone: null, tax_exempt: "none", tax_ids: [] },
  });
  events.emit("payment_intent.succeeded", pi);
  events.emit("checkout.session.completed", session);
  return session;
}
