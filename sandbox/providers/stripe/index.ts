/**
 * The Stripe emulator. Its API and hosted pages live on Stripe's own port (ctx.stripeRouter,
 * served by server.ts on SANDBOX_STRIPE_PORT) because the stripe SDK takes host/port/protocol
 * but no path prefix. Nothing is mounted on the main router.
 */
import { z } from "zod";
import { sandboxApps, sandboxStripeAccounts, SANDBOX_STRIPE_PORT } from "../../config";
import type { Emulator, SandboxContext } from "../../core/context";
import type { Router } from "../../core/http";
import { openDispute } from "./charges";
import { completeSession } from "./checkout";
import { stripeError } from "./errors";
import { finalize, markPaid } from "./invoices";
import { mountPages } from "./pages";
import { mountCore } from "./routes-core";
import { mountInvoices } from "./routes-invoices";
import { mountPayments } from "./routes-payments";
import { seedStripe } from "./seed";
import { accountForKey, apiKey, installMiddleware, StripeState } from "./state";

/** Control API changes: `{ provider: "stripe", action, id }`. */
const changeSchema = z.object({
  action: z.enum(["pay_checkout_session", "pay_invoice", "expire_checkout_session", "dispute_charge"]),
  id: z.string().min(1),
  email: z.string().email().optional(),
  /** dispute_charge: the dispute reason Stripe reports (its `reason` enum). */
  reason: z.enum(["bank_cannot_process", "credit_not_processed", "customer_initiated", "debit_not_authorized", "duplicate", "fraudulent", "general", "incorrect_account_details", "insufficient_funds", "product_not_received", "product_unacceptable", "subscription_canceled", "unrecognized"]).optional(),
});

export function stripeOrigin(ctx: SandboxContext): string {
  const url = new URL(ctx.origin);
  url.port = String(ctx.ports.stripe ?? SANDBOX_STRIPE_PORT);
  return url.origin;
}

export function mountStripe(r: Router, state: StripeState) {
  // Each request acts in the account its secret key belongs to (requests without a key, such as
  // the hosted checkout pages, in the first account).
  const dispatch = r.dispatch.bind(r);
  r.dispatch = (req) => state.runAs(accountForKey(apiKey(req))?.id ?? sandboxStripeAccounts[0].id, () => dispatch(req));
  installMiddleware(r, state);
  r.get("/v1/account", (req) => {
    const a = accountForKey(apiKey(req))!;
    return {
      status: 200,
      body: {
        id: a.id, object: "account", type: "standard", country: "GB", default_currency: "gbp", email: `billing@${a.id}.sandbox.test`,
        charges_enabled: true, payouts_enabled: true, details_submitted: true, created: 1_700_000_000,
        business_profile: { name: a.name }, settings: { dashboard: { display_name: a.name, timezone: "Europe/London" } },
      },
    };
  });
  mountCore(r, state);
  mountPayments(r, state);
  mountInvoices(r, state);
  mountPages(r, state);
  for (const m of ["GET", "POST", "DELETE"]) {
    // Registered last: the router tries routes in order, so this only catches unknown /v1 URLs.
    r.add(m, "/v1/.*", (req) => stripeError(404, "invalid_request_error", `Unrecognized request URL (${req.method}: ${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`));
  }
}

export function createStripeEmulator(): Emulator & { state: StripeState } {
  const state = new StripeState();
  return {
    id: "stripe",
    state,
    mount(ctx) {
      state.ctx = ctx;
      mountStripe(ctx.stripeRouter, state);
    },
    describe(ctx) {
      const origin = stripeOrigin(ctx);
      return {
        id: "stripe",
        name: "Stripe",
        urls: { apiBaseUrl: `${origin}/v1`, host: new URL(origin).hostname, port: new URL(origin).port, protocol: "http", checkoutUrl: `${origin}/checkout/{CHECKOUT_SESSION_ID}` },
        accounts: sandboxStripeAccounts.map((a, i) => ({
          id: a.id, name: `${a.name} (test mode)`,
          credentials: i === 0 ? { ...sandboxApps.stripe } : { secretKey: a.secretKey },
        })),
        notes: "new Stripe(secretKey, { host, port, protocol: 'http' }). Webhooks: endpoints created via POST /v1/webhook_endpoints get their own whsec_ secret; the sandbox's configured Stripe target is signed with webhookSecret. Rate limit 100 requests/second (fault-configurable).",
      };
    },
    reset() {
      state.resetAll();
    },
    seed(entity, count) {
      return seedStripe(state, entity, count, stripeOrigin(state.ctx));
    },
    async change(body) {
      const c = changeSchema.parse(body);
      const { store } = state;
      if (c.action === "dispute_charge") {
        // The cardholder's bank disputes a charge (or the charge of a payment intent).
        const ch = store.get("charge", c.id) ?? store.get("charge", String(store.get("payment_intent", c.id)?.latest_charge ?? ""));
        if (!ch || ch.status !== "succeeded") throw new Error(`No succeeded charge or payment intent: ${c.id}`);
        if (ch.disputed) throw new Error(`Charge ${ch.id} is already disputed.`);
        const dp = openDispute(state, ch, c.reason ?? "fraudulent");
        await state.events.flush();
        return dp;
      }
      if (c.action === "pay_invoice") {
        const inv = store.get("invoice", c.id);
        if (!inv) throw new Error(`No such invoice: ${c.id}`);
        if (inv.status === "draft") finalize(state, inv, stripeOrigin(state.ctx));
        if (inv.status === "open") markPaid(state, inv, false);
        await state.events.flush();
        return inv;
      }
      const cs = store.get("checkout.session", c.id);
      if (!cs) throw new Error(`No such checkout.session: ${c.id}`);
      if (c.action === "expire_checkout_session") {
        if (cs.status === "open") {
          cs.status = "expired";
          state.events.emit("checkout.session.expired", cs);
        }
      } else completeSession(state, cs, { email: c.email });
      await state.events.flush();
      return cs;
    },
  };
}

