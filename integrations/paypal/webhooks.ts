import { z } from "zod";
import type { DescribeDelivery, HandleInboundEvent, InboundHandlerContext, VerifyByApi } from "../hook-types";
import { providerJson } from "@/lib/connections/http";
import { parseMoney } from "@/lib/accounting/money";
import { appToken } from "./hooks";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** PayPal events name no merchant account; they are matched by the webhook id their signature verifies with. */
export const describe: DescribeDelivery = ({ json }) => {
  const e = obj(json);
  return { accountIds: [], eventId: str(e.id) ?? undefined, type: str(e.event_type) ?? "unknown" };
};

const verifyAnswer = z.object({ verification_status: z.string() });

/**
 * POST /v1/notifications/verify-webhook-signature with the PAYPAL-TRANSMISSION-* headers, the
 * configured webhook id and the event, with an app token from the connection's REST app (else
 * the hub's own app, as configured for the provider).
 */
export const verifyByApi: VerifyByApi = async (ctx, { creds, webhookId, body }) => {
  const h = body.headers;
  const required = ["paypal-transmission-id", "paypal-transmission-time", "paypal-transmission-sig", "paypal-cert-url", "paypal-auth-algo"];
  if (required.some((name) => !h.get(name)) || body.json === undefined) return false;
  const fields = creds?.kind === "fields" ? creds.fields : { clientId: ctx.endpoints.clientId ?? "", clientSecret: ctx.endpoints.clientSecret ?? "" };
  const token = await appToken(ctx, fields);
  const base = (ctx.endpoints.apiBaseUrl ?? "").replace(/\/$/, "");
  const answer = verifyAnswer.parse(await providerJson(`${base}/v1/notifications/verify-webhook-signature`, {
    method: "POST",
    headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      auth_algo: h.get("paypal-auth-algo"), cert_url: h.get("paypal-cert-url"), transmission_id: h.get("paypal-transmission-id"),
      transmission_sig: h.get("paypal-transmission-sig"), transmission_time: h.get("paypal-transmission-time"),
      webhook_id: webhookId, webhook_event: body.json,
    }),
  }));
  return answer.verification_status === "SUCCESS";
};

/** The app invoice: `custom_id` is the app's invoice id, `invoice_id` its number. */
const invoiceOf = (ctx: InboundHandlerContext, r: Obj) => ctx.invoices.find({ id: str(r.custom_id), number: str(r.invoice_id) });

function amountOf(r: Obj): { amount: number; currency: string } | null {
  const a = obj(r.amount);
  const currency = str(a.currency_code)?.toUpperCase();
  const amount = currency && str(a.value) ? parseMoney(String(a.value), currency) : null;
  return currency && amount ? { amount, currency } : null;
}

const at = (e: Obj, r: Obj) => new Date(str(r.update_time) ?? str(e.create_time) ?? Date.now());

/** Capture completed → payment; denied → noted; refunded → refund, against the app invoice. */
export const handle: HandleInboundEvent = async (ctx, { type, payload }) => {
  const e = obj(payload);
  const r = obj(e.resource);
  if (!["PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.REFUNDED"].includes(type)) {
    return { status: "ignored", reason: `PayPal event ${type} is not used by the hub.` };
  }
  const invoice = await invoiceOf(ctx, r);
  if (!invoice) return { status: "ignored", reason: "No app invoice matches the capture's custom_id or invoice_id." };
  if (type === "PAYMENT.CAPTURE.DENIED") return { status: "processed", result: { invoiceId: invoice.id, paymentFailed: str(r.status) ?? "DENIED" } };
  const money = amountOf(r);
  if (!money) return { status: "ignored", reason: "The event's amount is missing or not a valid amount." };
  const reference = str(r.id) ?? "";
  const result = type === "PAYMENT.CAPTURE.COMPLETED"
    ? await ctx.invoices.recordPayment(invoice.id, { ...money, reference, at: at(e, r) })
    : await ctx.invoices.recordRefund(invoice.id, { ...money, reference, at: at(e, r) });
  return { status: "processed", result: { invoiceId: invoice.id, ...result } };
};
