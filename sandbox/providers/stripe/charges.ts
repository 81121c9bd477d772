/**
 * Card payments as Stripe makes them: a charge per attempt, Stripe's documented test payment
 * methods (https://docs.stripe.com/testing#declined-payments and #disputes), declines that leave
 * the PaymentIntent in `requires_payment_method` with `last_payment_error`, and the events Stripe
 * sends for each outcome (charge.succeeded + charge.updated, charge.failed +
 * payment_intent.payment_failed, charge.refunded, charge.dispute.created).
 */
import type { SandboxResponse } from "../../core/http";
import { stripeError } from "./errors";
import { now, type StripeObject, type StripeStore } from "./store";
import type { StripeState } from "./state";

type Decline = { code: string; decline_code?: string; message: string; network_status: string; outcome_reason: string; seller_message: string; type: string };
type TestCard = { brand: string; last4: string; funding?: string; decline?: Decline; dispute?: boolean };

const generic: Decline = {
  code: "card_declined", decline_code: "generic_decline", message: "Your card was declined.",
  network_status: "declined_by_network", outcome_reason: "generic_decline", seller_message: "The bank did not return any further details with this decline.", type: "issuer_declined",
};

/** Stripe's test PaymentMethods the sandbox supports; anything else is answered as Stripe does (no such PaymentMethod). */
export const TEST_PAYMENT_METHODS: Record<string, TestCard> = {
  pm_card_visa: { brand: "visa", last4: "4242" },
  pm_card_visa_debit: { brand: "visa", last4: "5556", funding: "debit" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444" },
  pm_card_amex: { brand: "amex", last4: "8431" },
  pm_card_createDispute: { brand: "visa", last4: "0259", dispute: true },
  pm_card_chargeDeclined: { brand: "visa", last4: "0002", decline: generic },
  pm_card_visa_chargeDeclined: { brand: "visa", last4: "0002", decline: generic },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: "visa", last4: "9995",
    decline: { ...generic, decline_code: "insufficient_funds", message: "Your card has insufficient funds.", outcome_reason: "insufficient_funds", seller_message: "The bank returned the decline code `insufficient_funds`." },
  },
  pm_card_chargeDeclinedLostCard: {
    brand: "visa", last4: "9987",
    decline: { ...generic, decline_code: "lost_card", outcome_reason: "lost_card", seller_message: "The bank returned the decline code `lost_card`." },
  },
  pm_card_chargeDeclinedStolenCard: {
    brand: "visa", last4: "9979",
    decline: { ...generic, decline_code: "stolen_card", outcome_reason: "stolen_card", seller_message: "The bank returned the decline code `stolen_card`." },
  },
  pm_card_chargeDeclinedFraudulent: {
    brand: "visa", last4: "0019",
    decline: { ...generic, decline_code: "fraudulent", network_status: "not_sent_to_network", outcome_reason: "highest_risk_level", seller_message: "Stripe blocked this payment as too risky.", type: "blocked" },
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: "visa", last4: "0069",
    decline: { code: "expired_card", message: "Your card has expired.", network_status: "declined_by_network", outcome_reason: "expired_card", seller_message: "The bank returned the decline code `expired_card`.", type: "issuer_declined" },
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: "visa", last4: "0127",
    decline: { code: "incorrect_cvc", message: "Your card's security code is incorrect.", network_status: "declined_by_network", outcome_reason: "incorrect_cvc", seller_message: "The bank returned the decline code `incorrect_cvc`.", type: "issuer_declined" },
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: "visa", last4: "0119",
    decline: { code: "processing_error", message: "An error occurred while processing your card. Try again in a little bit.", network_status: "declined_by_network", outcome_reason: "processing_error", seller_message: "The bank returned the decline code `processing_error`.", type: "issuer_declined" },
  },
};

const DOC = "https://stripe.com/docs/error-codes";
const nullAddress = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

/** The PaymentMethod a test token stands for (a fresh `pm_` id per use, as Stripe does). */
function paymentMethod(store: StripeStore, card: TestCard, customer: string | null): StripeObject {
  return {
    id: store.newId("payment_method"), object: "payment_method",
    billing_details: { address: nullAddress, email: null, name: null, phone: null },
    card: {
      brand: card.brand, checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: card.decline?.code === "incorrect_cvc" ? "fail" : "pass" },
      country: "US", exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, fingerprint: `sbx${card.last4}Fp00000`, funding: card.funding ?? "credit",
      generated_from: null, last4: card.last4, networks: { available: [card.brand], preferred: null }, three_d_secure_usage: { supported: true }, wallet: null,
    },
    created: now(), customer, livemode: false, metadata: {}, type: "card",
  };
}

function charge(store: StripeStore, pi: StripeObject, pm: StripeObject, decline?: Decline): StripeObject {
  const id = store.newId("charge");
  const card = pm.card as Record<string, unknown>;
  const ok = !decline;
  return {
    id, object: "charge", amount: pi.amount, amount_captured: ok ? pi.amount : 0, amount_refunded: 0, application: null, application_fee: null,
    application_fee_amount: null, balance_transaction: null, billing_details: pm.billing_details, calculated_statement_descriptor: "SANDBOX HUB",
    captured: ok, created: now(), currency: pi.currency, customer: pi.customer, description: pi.description, disputed: false,
    failure_balance_transaction: null, failure_code: decline?.code ?? null, failure_message: decline?.message ?? null, fraud_details: {},
    invoice: pi.invoice ?? null, livemode: false, metadata: pi.metadata, on_behalf_of: null,
    outcome: {
      network_status: ok ? "approved_by_network" : decline.network_status, reason: ok ? null : decline.outcome_reason, risk_level: "normal", risk_score: 20,
      seller_message: ok ? "Payment complete." : decline.seller_message, type: ok ? "authorized" : decline.type,
    },
    paid: ok, payment_intent: pi.id, payment_method: pm.id,
    payment_method_details: {
      card: {
        brand: card.brand, checks: card.checks, country: card.country, exp_month: card.exp_month, exp_year: card.exp_year, fingerprint: card.fingerprint,
        funding: card.funding, installments: null, last4: card.last4, mandate: null, network: card.brand, network_token: { used: false }, three_d_secure: null, wallet: null,
      },
      type: "card",
    },
    receipt_email: null, receipt_number: null, receipt_url: ok ? `https://pay.stripe.com/receipts/payment/sandbox_${id}` : null, refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` }, review: null, shipping: null, source_transfer: null,
    statement_descriptor: null, statement_descriptor_suffix: null, status: ok ? "succeeded" : "failed", transfer_data: null, transfer_group: null,
  };
}

/**
 * Charges the intent's card and records the outcome: on success the intent is `succeeded` and
 * `charge.succeeded` then `charge.updated` (balance transaction attached) are sent; the caller
 * sends `payment_intent.succeeded` in its own order. A dispute test card then opens a dispute.
 */
export function succeed(s: Pick<StripeState, "store" | "events">, pi: StripeObject, pmRef = "pm_card_visa"): StripeObject {
  const { card, pm } = resolvePaymentMethod(s.store, pmRef, pi) ?? resolvePaymentMethod(s.store, "pm_card_visa", pi)!;
  const ch = s.store.put(charge(s.store, pi, pm));
  Object.assign(pi, { status: "succeeded", amount_received: pi.amount, latest_charge: ch.id, payment_method: pm.id, last_payment_error: null });
  s.events.emit("charge.succeeded", ch);
  ch.balance_transaction = `txn_1Sbx${ch.id.slice(-10)}`;
  s.events.emit("charge.updated", ch, { balance_transaction: null });
  if (card.dispute) openDispute(s, ch, "fraudulent");
  return pi;
}

/**
 * A declined attempt: a failed charge, the intent back in `requires_payment_method` with
 * `last_payment_error`, `charge.failed` and `payment_intent.payment_failed`, and the 402
 * `card_error` the API caller gets (with the intent, as Stripe returns it).
 */
function decline(s: Pick<StripeState, "store" | "events">, pi: StripeObject, card: TestCard & { decline: Decline }, pm: StripeObject): SandboxResponse {
  const ch = s.store.put(charge(s.store, pi, pm, card.decline));
  const d = card.decline;
  const error = {
    charge: ch.id, code: d.code, ...(d.decline_code ? { decline_code: d.decline_code } : {}), doc_url: `${DOC}#${d.code.replaceAll("_", "-")}`,
    message: d.message, payment_method: pm, type: "card_error" as const,
  };
  Object.assign(pi, { status: "requires_payment_method", latest_charge: ch.id, payment_method: null, last_payment_error: error });
  s.events.emit("charge.failed", ch);
  s.events.emit("payment_intent.payment_failed", pi);
  return stripeError(402, "card_error", d.message, { code: d.code, ...(d.decline_code ? { decline_code: d.decline_code } : {}), doc_url: error.doc_url, charge: ch.id, payment_intent: structuredClone(pi), payment_method: pm });
}

/** Stripe's answer to a PaymentMethod id it does not know. */
export const noSuchPaymentMethod = (id: string) =>
  stripeError(400, "invalid_request_error", `No such PaymentMethod: '${id}'`, { code: "resource_missing", param: "payment_method", doc_url: `${DOC}#resource-missing` });

/**
 * Confirms `pi` with a test PaymentMethod: success (the intent, for the caller to answer and
 * emit `payment_intent.succeeded`), or the decline's 402 response. An unknown token gets
 * Stripe's `resource_missing` on `payment_method`.
 */
export function confirmWithCard(s: Pick<StripeState, "store" | "events">, pi: StripeObject, pmRef: string): { ok: StripeObject } | { error: SandboxResponse } {
  const found = resolvePaymentMethod(s.store, pmRef, pi);
  if (!found) return { error: noSuchPaymentMethod(pmRef) };
  if (found.card.decline) return { error: decline(s, pi, found.card as TestCard & { decline: Decline }, found.pm) };
  return { ok: succeed(s, pi, found.pm.id) };
}

/**
 * A test token (a new PaymentMethod is stored for it, remembering the token) or the id of one
 * stored earlier; undefined for anything else.
 */
export function resolvePaymentMethod(store: StripeStore, ref: string, pi: StripeObject): { card: TestCard; pm: StripeObject } | undefined {
  const stored = store.get("payment_method", ref);
  const token = stored ? store.cardTokens.get(ref) : ref;
  const card = token ? TEST_PAYMENT_METHODS[token] : undefined;
  if (!card || !token) return undefined;
  if (stored) return { card, pm: stored };
  const pm = store.put(paymentMethod(store, card, (pi.customer as string | null) ?? null));
  store.cardTokens.set(pm.id, token);
  return { card, pm };
}

/** Marks the charge refunded by `amount` and sends `charge.refunded` (the caller stores the refund and sends refund.created). */
export function recordRefund(s: Pick<StripeState, "store" | "events">, chargeId: unknown, re: StripeObject): void {
  const ch = typeof chargeId === "string" ? s.store.get("charge", chargeId) : undefined;
  if (!ch) return;
  const before = { amount_refunded: ch.amount_refunded, refunded: ch.refunded };
  ch.amount_refunded = Number(ch.amount_refunded) + Number(re.amount);
  ch.refunded = ch.amount_refunded === ch.amount_captured;
  const refunds = ch.refunds as { data: StripeObject[] };
  refunds.data = [re, ...refunds.data];
  s.events.emit("charge.refunded", ch, before);
}

/** Opens a dispute on a succeeded charge, as the card's bank would: `charge.dispute.created`. */
export function openDispute(s: Pick<StripeState, "store" | "events">, ch: StripeObject, reason = "fraudulent"): StripeObject {
  const t = now();
  const card = (ch.payment_method_details as { card: { brand: string } }).card;
  const evidence = Object.fromEntries([
    "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_communication",
    "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature", "duplicate_charge_documentation", "duplicate_charge_explanation",
    "duplicate_charge_id", "product_description", "receipt", "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date",
    "service_documentation", "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
    "uncategorized_file", "uncategorized_text",
  ].map((k) => [k, null]));
  const dp = s.store.put({
    id: s.store.newId("dispute"), object: "dispute", amount: ch.amount, balance_transactions: [], charge: ch.id, created: t, currency: ch.currency,
    evidence, evidence_details: { due_by: t + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 }, is_charge_refundable: false,
    livemode: false, metadata: {}, payment_intent: ch.payment_intent,
    payment_method_details: { card: { brand: card.brand, network_reason_code: reason === "fraudulent" ? "10.4" : "13.1" }, type: "card" },
    reason, status: "needs_response",
  });
  ch.disputed = true;
  s.events.emit("charge.dispute.created", dp);
  return dp;
}
