import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxApps } from "../../config";
import { startHarness, startReceiver, type Harness } from "../test-support";
import { createStripeEmulator } from "./index";

// Card outcomes through the official stripe SDK: Stripe's decline test cards fail as Stripe fails
// them, payments, refunds and disputes send the events Stripe sends, signed as Stripe signs them.
let h: Harness;
let stripe: Stripe;
const emulator = createStripeEmulator();

beforeAll(async () => {
  h = await startHarness([emulator]);
  const url = new URL(h.stripeOrigin);
  stripe = new Stripe(sandboxApps.stripe.secretKey, { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 0 });
});
afterAll(async () => h?.close());

/** Event types recorded for an object id, oldest first. */
async function eventsFor(id: string): Promise<string[]> {
  const all = await stripe.events.list({ limit: 100 });
  return all.data.filter((e) => (e.data.object as { id?: string; payment_intent?: string; charge?: string }).id === id
    || (e.data.object as { payment_intent?: string }).payment_intent === id || (e.data.object as { charge?: string }).charge === id)
    .map((e) => e.type).reverse();
}

describe("Stripe card payments", () => {
  it("declines pm_card_chargeDeclined: a card_error to the caller, the intent back in requires_payment_method, charge.failed and payment_intent.payment_failed", async () => {
    const err = await stripe.paymentIntents.create({ amount: 2500, currency: "gbp", payment_method: "pm_card_chargeDeclined", confirm: true }).then(
      () => { throw new Error("the declined card was accepted"); },
      (e: unknown) => e as Stripe.errors.StripeCardError,
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." });
    const piId = err.payment_intent!.id;
    const pi = await stripe.paymentIntents.retrieve(piId);
    expect(pi).toMatchObject({ status: "requires_payment_method", amount_received: 0, last_payment_error: { type: "card_error", code: "card_declined", decline_code: "generic_decline" } });
    const charge = await stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({ status: "failed", paid: false, failure_code: "card_declined", outcome: { type: "issuer_declined" } });
    expect(await eventsFor(piId)).toEqual(["payment_intent.created", "charge.failed", "payment_intent.payment_failed"]);

    // The customer tries another card on the same intent: it succeeds.
    const retried = await stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });
    expect(retried).toMatchObject({ status: "succeeded", amount_received: 2500, last_payment_error: null });
  });

  it.each([
    ["pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
    ["pm_card_chargeDeclinedLostCard", "card_declined", "lost_card"],
    ["pm_card_chargeDeclinedStolenCard", "card_declined", "stolen_card"],
    ["pm_card_chargeDeclinedFraudulent", "card_declined", "fraudulent"],
    ["pm_card_chargeDeclinedExpiredCard", "expired_card", undefined],
    ["pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", undefined],
    ["pm_card_chargeDeclinedProcessingError", "processing_error", undefined],
  ])("declines %s with %s (%s)", async (pm, code, declineCode) => {
    const intent = await stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: pm });
    expect(intent.status).toBe("requires_confirmation");
    const err = await stripe.paymentIntents.confirm(intent.id).catch((e: unknown) => e as Stripe.errors.StripeCardError);
    expect(err).toMatchObject({ type: "StripeCardError", statusCode: 402, code });
    // Only issuer declines carry a decline_code; expired card, wrong CVC and processing errors do not.
    expect(((err as Stripe.errors.StripeCardError).raw as { decline_code?: string }).decline_code).toBe(declineCode);
    expect((await stripe.paymentIntents.retrieve(intent.id)).last_payment_error).toMatchObject({ code });
  });

  it("refuses an unknown PaymentMethod before creating anything", async () => {
    const before = (await stripe.paymentIntents.list({ limit: 100 })).data.length;
    await expect(stripe.paymentIntents.create({ amount: 100, currency: "usd", payment_method: "pm_card_nonsense", confirm: true }))
      .rejects.toMatchObject({ type: "StripeInvalidRequestError", code: "resource_missing", param: "payment_method" });
    expect((await stripe.paymentIntents.list({ limit: 100 })).data.length).toBe(before);
  });

  it("sends charge.succeeded and charge.updated for a payment, charge.refunded and refund.created for a refund, signed", async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["charge.succeeded", "charge.updated", "charge.refunded", "refund.created"] });
      const pi = await stripe.paymentIntents.create({ amount: 4000, currency: "eur", payment_method: "pm_card_mastercard", confirm: true });
      expect(pi.status).toBe("succeeded");
      await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
      // Deliveries are asynchronous, as Stripe's are.
      await expect.poll(() => receiver.received.length).toBe(4);
      const events = receiver.received.map((d) => stripe.webhooks.constructEvent(d.body, String(d.headers["stripe-signature"]), endpoint.secret!));
      expect(events.map((e) => e.type)).toEqual(["charge.succeeded", "charge.updated", "refund.created", "charge.refunded"]);
      const refunded = events[3]!.data.object as Stripe.Charge;
      expect(refunded).toMatchObject({ id: pi.latest_charge, amount_refunded: 1500, refunded: false, payment_method_details: { card: { brand: "mastercard", last4: "4444" } } });
      expect(events[3]!.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
      expect(events[1]!.data.previous_attributes).toEqual({ balance_transaction: null });
      await stripe.refunds.create({ payment_intent: pi.id });
      expect(await stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ amount_refunded: 4000, refunded: true });
    } finally {
      await receiver.close();
    }
  });

  it("opens a dispute for pm_card_createDispute and through /_control/change: charge.dispute.created", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 7000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });
    expect(pi.status).toBe("succeeded");
    const [dispute] = (await stripe.disputes.list({ payment_intent: pi.id })).data;
    expect(dispute).toMatchObject({ charge: pi.latest_charge, amount: 7000, reason: "fraudulent", status: "needs_response" });
    expect(await eventsFor(pi.id)).toContain("charge.dispute.created");
    expect(await stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ disputed: true });

    const plain = await stripe.paymentIntents.create({ amount: 300, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    const res = await fetch(`${h.origin}/_control/change`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "stripe", action: "dispute_charge", id: plain.id, reason: "product_not_received" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: "dispute", charge: plain.latest_charge, reason: "product_not_received" });
    expect((await stripe.disputes.list({ charge: String(plain.latest_charge) })).data).toHaveLength(1);
  });
});
