/**
 * Builders for the Stripe objects the emulator serves, shaped field for field like Stripe's
 * API version 2023-08-16 (the spec in provider-specs/stripe/spec3.yaml); every response is
 * validated against that spec in the integration tests.
 */
import type { FormObject, FormValue } from "./form";
import { now, type StripeObject, type StripeStore } from "./store";

const str = (v: FormValue | undefined): string | null => (typeof v === "string" && v !== "" ? v : null);
const int = (v: FormValue | undefined): number | null => (typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : null);
/** `metadata[k]=v` → a flat string map; an empty string deletes a key as Stripe does. */
export function mergeMetadata(current: unknown, patch: FormValue | undefined): Record<string, string> {
  const out: Record<string, string> = { ...((current as Record<string, string>) ?? {}) };
  if (patch && typeof patch === "object" && !Array.isArray(patch)) {
    for (const [k, v] of Object.entries(patch)) {
      if (v === "") delete out[k];
      else if (typeof v === "string") out[k] = v;
    }
  }
  return out;
}

const address = (a: FormValue | undefined) =>
  a && typeof a === "object" && !Array.isArray(a)
    ? { city: str(a.city), country: str(a.country), line1: str(a.line1), line2: str(a.line2), postal_code: str(a.postal_code), state: str(a.state) }
    : null;

export function customer(store: StripeStore, p: FormObject, created = now()): StripeObject {
  const id = store.newId("customer");
  return {
    id, object: "customer", address: address(p.address), balance: int(p.balance) ?? 0, created, currency: null,
    default_source: null, delinquent: false, description: str(p.description), discount: null, email: str(p.email),
    invoice_prefix: id.slice(-7).toUpperCase(), invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, metadata: mergeMetadata({}, p.metadata), name: str(p.name), next_invoice_sequence: 1, phone: str(p.phone),
    preferred_locales: [], shipping: null, tax_exempt: "none", test_clock: null,
  };
}

/** Applies an update to a customer the way POST /v1/customers/:id does (only sent fields change). */
export function updateCustomer(c: StripeObject, p: FormObject): StripeObject {
  for (const k of ["email", "name", "phone", "description"] as const) if (k in p) c[k] = str(p[k]);
  if ("address" in p) c.address = address(p.address);
  if ("metadata" in p) c.metadata = mergeMetadata(c.metadata, p.metadata);
  return c;
}

export function product(store: StripeStore, p: FormObject, created = now()): StripeObject {
  return {
    id: str(p.id) ?? store.newId("product"), object: "product", active: p.active !== "false", created, default_price: null,
    description: str(p.description), features: [], images: [], livemode: false, metadata: mergeMetadata({}, p.metadata),
    name: str(p.name) ?? "Untitled product", package_dimensions: null, shippable: null, statement_descriptor: null, tax_code: null,
    unit_label: str(p.unit_label), updated: created, url: null,
  };
}

export function price(store: StripeStore, p: FormObject, productId: string, created = now()): StripeObject {
  const amount = int(p.unit_amount) ?? 0;
  const rec = p.recurring && typeof p.recurring === "object" && !Array.isArray(p.recurring) ? p.recurring : null;
  return {
    id: store.newId("price"), object: "price", active: true, billing_scheme: "per_unit", created, currency: str(p.currency) ?? "usd",
    custom_unit_amount: null, livemode: false, lookup_key: str(p.lookup_key), metadata: mergeMetadata({}, p.metadata), nickname: str(p.nickname),
    product: productId,
    recurring: rec ? { aggregate_usage: null, interval: str(rec.interval) ?? "month", interval_count: int(rec.interval_count) ?? 1, usage_type: "licensed" } : null,
    tax_behavior: "unspecified", tiers_mode: null, transform_quantity: null, type: rec ? "recurring" : "one_time",
    unit_amount: amount, unit_amount_decimal: String(amount),
  };
}

/** A line of a checkout session or payment link, priced from a stored price. */
export function lineItem(store: StripeStore, pr: StripeObject, quantity: number): StripeObject {
  const amount = Number(pr.unit_amount) * quantity;
  const prod = store.get("product", String(pr.product));
  return {
    id: store.newId("line_item"), object: "item", created: Number(pr.created), amount_discount: 0, amount_subtotal: amount, amount_tax: 0,
    amount_total: amount, currency: String(pr.currency), description: String(prod?.name ?? "Item"), price: pr, quantity,
  };
}

export function paymentIntent(store: StripeStore, p: { amount: number; currency: string; customer: string | null; description?: string | null; metadata?: Record<string, string>; invoice?: string | null }): StripeObject {
  const id = store.newId("payment_intent");
  return {
    id, object: "payment_intent", amount: p.amount, amount_capturable: 0, amount_details: { tip: {} }, amount_received: 0, application: null,
    application_fee_amount: null, automatic_payment_methods: null, canceled_at: null, cancellation_reason: null, capture_method: "automatic",
    client_secret: `${id}_secret_sandbox${id.slice(-6)}`, confirmation_method: "automatic", created: now(), currency: p.currency,
    customer: p.customer, description: p.description ?? null, invoice: p.invoice ?? null, last_payment_error: null, latest_charge: null, livemode: false,
    metadata: p.metadata ?? {}, next_action: null, on_behalf_of: null, payment_method: null, payment_method_options: {},
    payment_method_types: ["card"], processing: null, receipt_email: null, review: null, setup_future_usage: null, shipping: null,
    statement_descriptor: null, statement_descriptor_suffix: null, status: "requires_payment_method", transfer_data: null, transfer_group: null,
  };
}

/** A refund of `pi`; without `amount`, the whole amount not refunded yet (`alreadyRefunded`), as Stripe does. */
export function refund(store: StripeStore, pi: StripeObject, p: FormObject, alreadyRefunded = 0): StripeObject {
  return {
    id: store.newId("refund"), object: "refund", amount: int(p.amount) ?? Number(pi.amount_received) - alreadyRefunded, balance_transaction: null,
    charge: pi.latest_charge, created: now(), currency: pi.currency, metadata: mergeMetadata({}, p.metadata), payment_intent: pi.id,
    reason: str(p.reason), receipt_number: null, source_transfer_reversal: null, status: "succeeded", transfer_reversal: null,
  };
}

export function webhookEndpoint(store: StripeStore, p: FormObject, secret: string): StripeObject {
  const events = Array.isArray(p.enabled_events) ? p.enabled_events.filter((e): e is string => typeof e === "string") : ["*"];
  return {
    id: store.newId("webhook_endpoint"), object: "webhook_endpoint", api_version: str(p.api_version), application: null, created: now(),
    description: str(p.description), enabled_events: events, livemode: false, metadata: mergeMetadata({}, p.metadata), secret,
    status: "enabled", url: str(p.url) ?? "",
  };
}

export function event(store: StripeStore, type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
  return {
    id: store.newId("event"), object: "event", api_version: "2023-08-16", created: now(),
    data: previous ? { object: structuredClone(object), previous_attributes: previous } : { object: structuredClone(object) },
    livemode: false, pending_webhooks: 0, request: { id: null, idempotency_key: null }, type,
  };
}
