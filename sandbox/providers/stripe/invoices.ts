/** Stripe invoices and invoice items: builders and the draft → open → paid life cycle. */
import type { FormObject } from "./form";
import { succeed } from "./charges";
import { mergeMetadata, paymentIntent } from "./objects";
import { now, type StripeObject } from "./store";
import type { StripeState } from "./state";

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export function invoiceItem(s: StripeState, p: FormObject, pr: StripeObject | null): StripeObject {
  const qty = typeof p.quantity === "string" ? Number(p.quantity) : 1;
  const unit = pr ? Number(pr.unit_amount) : typeof p.unit_amount === "string" ? Number(p.unit_amount) : Number(p.amount ?? 0) / qty;
  const t = now();
  return {
    id: s.store.newId("invoiceitem"), object: "invoiceitem", amount: unit * qty, currency: String(pr?.currency ?? p.currency ?? "usd"),
    customer: String(p.customer), created: t, date: t, description: str(p.description), discountable: true, discounts: [], invoice: str(p.invoice),
    livemode: false, metadata: mergeMetadata({}, p.metadata), period: { end: t, start: t }, plan: null, price: pr, proration: false,
    quantity: qty, subscription: null, tax_rates: [], test_clock: null, unit_amount: unit, unit_amount_decimal: String(unit),
  };
}

/** The invoice's view of an invoice item (an object of type `line_item`). */
function invoiceLine(s: StripeState, ii: StripeObject): StripeObject {
  return {
    id: s.store.newId("line_item"), object: "line_item", created: ii.created, amount: ii.amount, amount_excluding_tax: ii.amount, currency: ii.currency,
    description: ii.description, discount_amounts: [], discountable: true, discounts: [], invoice_item: ii.id, livemode: false, metadata: ii.metadata,
    period: ii.period, plan: null, price: ii.price, proration: false, proration_details: { credited_items: null }, quantity: ii.quantity,
    subscription: null, tax_amounts: [], tax_rates: [], type: "invoiceitem", unit_amount_excluding_tax: String(ii.unit_amount),
  };
}

export function invoice(s: StripeState, p: FormObject, cust: StripeObject): StripeObject {
  const id = s.store.newId("invoice");
  const t = now();
  const sendInvoice = p.collection_method === "send_invoice";
  const days = typeof p.days_until_due === "string" ? Number(p.days_until_due) : sendInvoice ? 30 : null;
  const inv: StripeObject = {
    id, object: "invoice", account_country: "GB", account_name: "Sandbox Trading Ltd", account_tax_ids: null, amount_due: 0, amount_paid: 0,
    amount_remaining: 0, amount_shipping: 0, application: null, application_fee_amount: null, attempt_count: 0, attempted: false,
    auto_advance: p.auto_advance === "true", automatic_tax: { enabled: false, status: null }, billing_reason: "manual", charge: null,
    collection_method: sendInvoice ? "send_invoice" : "charge_automatically", created: t, currency: str(p.currency) ?? "usd", custom_fields: null,
    customer: cust.id, customer_address: cust.address ?? null, customer_email: cust.email ?? null, customer_name: cust.name ?? null,
    customer_phone: cust.phone ?? null, customer_shipping: null, customer_tax_exempt: "none", customer_tax_ids: [], default_payment_method: null,
    default_source: null, default_tax_rates: [], description: str(p.description), discount: null, discounts: [],
    due_date: days !== null ? t + days * 86400 : null, effective_at: null, ending_balance: null, footer: str(p.footer), from_invoice: null,
    hosted_invoice_url: null, invoice_pdf: null, last_finalization_error: null, latest_revision: null,
    lines: { data: [], has_more: false, object: "list", url: `/v1/invoices/${id}/lines` }, livemode: false, metadata: mergeMetadata({}, p.metadata),
    next_payment_attempt: null, number: null, on_behalf_of: null, paid: false, paid_out_of_band: false, payment_intent: null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null }, period_end: t, period_start: t,
    post_payment_credit_notes_amount: 0, pre_payment_credit_notes_amount: 0, quote: null, receipt_number: null, rendering_options: null,
    shipping_cost: null, shipping_details: null, starting_balance: 0, statement_descriptor: null, status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null }, subscription: null,
    subscription_details: { metadata: null }, subtotal: 0, subtotal_excluding_tax: 0, tax: null, test_clock: null, total: 0,
    total_discount_amounts: [], total_excluding_tax: 0, total_tax_amounts: [], transfer_data: null, webhooks_delivered_at: null,
  };
  return inv;
}

/** Adds an invoice item to a draft invoice and recomputes its totals. */
export function attachItem(s: StripeState, inv: StripeObject, ii: StripeObject) {
  ii.invoice = inv.id;
  const lines = inv.lines as { data: StripeObject[] };
  lines.data.push(invoiceLine(s, ii));
  const total = lines.data.reduce((n, l) => n + Number(l.amount), 0);
  Object.assign(inv, { subtotal: total, subtotal_excluding_tax: total, total, total_excluding_tax: total, amount_due: total, amount_remaining: total, currency: ii.currency });
}

export function finalize(s: StripeState, inv: StripeObject, origin: string): StripeObject {
  const cust = s.store.get("customer", String(inv.customer));
  const seq = Number(cust?.next_invoice_sequence ?? 1);
  if (cust) cust.next_invoice_sequence = seq + 1;
  const pi = s.store.put(paymentIntent(s.store, { amount: Number(inv.amount_due), currency: String(inv.currency), customer: String(inv.customer), invoice: inv.id }));
  const t = now();
  Object.assign(inv, {
    status: "open", number: `${String(cust?.invoice_prefix ?? "SBX")}-${String(seq).padStart(4, "0")}`, effective_at: t,
    hosted_invoice_url: `${origin}/invoice/${inv.id}`, invoice_pdf: `${origin}/invoice/${inv.id}/pdf`, payment_intent: pi.id,
    status_transitions: { ...(inv.status_transitions as object), finalized_at: t },
  });
  s.events.emit("invoice.finalized", inv);
  if (Number(inv.amount_due) === 0) markPaid(s, inv, false);
  return inv;
}

export function markPaid(s: StripeState, inv: StripeObject, outOfBand: boolean): StripeObject {
  const pi = inv.payment_intent ? s.store.get("payment_intent", String(inv.payment_intent)) : undefined;
  if (pi && !outOfBand) {
    succeed(s, pi);
    inv.charge = pi.latest_charge;
  }
  Object.assign(inv, {
    status: "paid", paid: true, paid_out_of_band: outOfBand, amount_paid: inv.amount_due, amount_remaining: 0, attempted: true, attempt_count: 1,
    status_transitions: { ...(inv.status_transitions as object), paid_at: now() },
  });
  if (pi && !outOfBand) s.events.emit("payment_intent.succeeded", pi);
  s.events.emit("invoice.paid", inv);
  s.events.emit("invoice.payment_succeeded", inv);
  return inv;
}
