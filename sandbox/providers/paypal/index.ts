/**
 * The PayPal emulator under /paypal/api (api-m.paypal.com) and /paypal/www (www.paypal.com):
 * client-credentials tokens, Invoicing v2, Checkout Orders v2 with a buyer approve page,
 * capture refunds, verify-webhook-signature and signed webhooks out.
 */
import { z } from "zod";
import { sandboxApps, sandboxPaths } from "../../config";
import type { Emulator } from "../../core/context";
import { html, json, parseBody, type SandboxRequest } from "../../core/http";
import { safeEqual } from "../../core/oauth";
import { API, guard } from "./common";
import { mountInvoices } from "./invoices";
import { mountOrders } from "./orders";
import { CERT_PATH, PayPalState } from "./state";

const TOKEN_TTL = 32_400;
const SCOPES = ["https://uri.paypal.com/services/invoicing", "https://uri.paypal.com/services/payments/payment", "https://uri.paypal.com/services/payments/refund", "openid"];

const verifySchema = z.object({
  auth_algo: z.string(), cert_url: z.string(), transmission_id: z.string(), transmission_sig: z.string(),
  transmission_time: z.string(), webhook_id: z.string(), webhook_event: z.record(z.string(), z.unknown()),
});
const changeSchema = z.object({ action: z.literal("approve_order"), id: z.string() });

function clientOf(req: SandboxRequest): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ""));
  if (!m) return undefined;
  const [id, secret] = Buffer.from(m[1], "base64").toString("utf8").split(":");
  const ok = id === sandboxApps.paypal.clientId && safeEqual(secret ?? "", sandboxApps.paypal.clientSecret);
  return ok ? id : undefined;
}

export function createPayPalEmulator(): Emulator & { state: PayPalState } {
  const state = new PayPalState();
  const approve = (id: string) => {
    const o = state.orders.get(id);
    if (o && o.status === "CREATED") o.status = "APPROVED";
    return o;
  };
  return {
    id: "paypal",
    state,
    mount(ctx) {
      state.ctx = ctx;
      const r = ctx.router;
      r.post(sandboxPaths.paypal.tokenUrl, async (req) => {
        await ctx.faults.delay("paypal");
        const clientId = clientOf(req);
        if (!clientId) return json(401, { error: "invalid_client", error_description: "Client Authentication failed" });
        const grant = String(parseBody(req).grant_type ?? "");
        if (grant !== "client_credentials") return json(400, { error: "unsupported_grant_type", error_description: `Grant Type is not supported: ${grant}` });
        const token = ctx.tokens.issue({ provider: "paypal", accountId: "merchant", clientId, scopes: SCOPES, ttlSeconds: TOKEN_TTL, prefix: "A21AA" });
        return json(200, { scope: SCOPES.join(" "), access_token: token, token_type: "Bearer", app_id: "APP-80W284485P519543T", expires_in: TOKEN_TTL, nonce: `${new Date().toISOString()}sbx` });
      });
      r.get(CERT_PATH, () => ({ status: 200, body: state.certificatePem(), headers: { "content-type": "application/x-pem-file" } }));
      r.use(`${API}/v2`, (req) => guard(ctx, req));
      r.use(`${API}/v1/notifications/verify-webhook-signature`, (req) => guard(ctx, req));
      mountInvoices(r, state);
      mountOrders(r, state);
      r.post(`${API}/v1/notifications/verify-webhook-signature`, (req) => {
        const parsed = verifySchema.safeParse(parseBody(req));
        if (!parsed.success) return json(400, { name: "VALIDATION_ERROR", message: "Invalid request - see details", debug_id: "sbx", details: parsed.error.issues.map((i) => ({ field: i.path.join("."), issue: i.message })) });
        return json(200, { verification_status: state.verify(parsed.data) ? "SUCCESS" : "FAILURE" });
      });
      // The buyer's approval page (www.paypal.com/checkoutnow?token=ORDER_ID).
      r.get("/paypal/www/checkoutnow", (req) => {
        const o = state.orders.get(req.query.get("token") ?? "");
        if (!o) return html(404, "<h1>Order not found</h1>");
        const unit = (o.purchase_units as { amount: { currency_code: string; value: string } }[])[0];
        return html(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PayPal sandbox checkout</title></head><body>
<p>PayPal sandbox</p><h1>Pay ${unit.amount.value} ${unit.amount.currency_code}</h1>
<form method="post" action="/paypal/www/checkoutnow?token=${encodeURIComponent(String(o.id))}"><button type="submit">Approve</button></form></body></html>`);
      });
      r.post("/paypal/www/checkoutnow", (req) => {
        const o = approve(req.query.get("token") ?? "");
        return o ? html(200, `<h1>Approved</h1><p>Order ${String(o.id)} is ${String(o.status)}. You can close this window.</p>`) : html(404, "<h1>Order not found</h1>");
      });
    },
    describe(ctx) {
      return {
        id: "paypal", name: "PayPal",
        urls: { tokenUrl: `${ctx.origin}${sandboxPaths.paypal.tokenUrl}`, apiBaseUrl: `${ctx.origin}${sandboxPaths.paypal.apiBaseUrl}`, verifyWebhookUrl: `${ctx.origin}${API}/v1/notifications/verify-webhook-signature`, approveUrl: `${ctx.origin}/paypal/www/checkoutnow?token={ORDER_ID}` },
        accounts: [{ id: "merchant", name: "Sandbox Trading Ltd (merchant)", credentials: { ...sandboxApps.paypal } }],
        notes: "Client credentials with HTTP Basic. Webhooks carry PAYPAL-TRANSMISSION-* headers (SHA256withRSA); confirm them with verify-webhook-signature.",
      };
    },
    reset() {
      state.reset();
    },
    async change(body) {
      const c = changeSchema.parse(body);
      const o = approve(c.id);
      if (!o) throw new Error(`No such order: ${c.id}`);
      await state.flush();
      return o;
    },
  };
}
