import type { DescribeDelivery, HandleInboundEvent, InboundHandlerContext, InboundOutcome } from "../hook-types";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);

/** Stripe events carry their id and type; `account` only for Connect accounts' events. */
export const describe: DescribeDelivery = ({ json }) => {
  const e = obj(json);
  return { accountIds: str(e.account) ? [e.account as string] : [], eventId: str(e.id) ?? undefined, type: str(e.type) ?? "unknown" };
};

/**
 * The app invoice a Stripe object names: metadata `invoice_id` / `invoice_number`, Checkout's
 * client_reference_id, else (charges and disputes, whose metadata Stripe does not copy from the
 * PaymentIntent) the invoice its PaymentIntent's payment was recorded on.
 */
async function invoiceOf(ctx: InboundHandlerContext, o: Obj) {
  const meta = obj(o.metadata);
  const found = await ctx.invoices.find({ id: str(meta.invoice_id) ?? str(o.client_reference_id), number: str(meta.invoice_number) });
  return found ?? (str(o.payment_intent) ? ctx.invoices.find({ paymentReference: str(o.payment_intent) }) : null);
}

const at = (event: Obj) => new Date((num(event.created) ?? Math.floor(Date.now() / 1000)) * 1000);
const currency = (o: Obj) => (str(o.currency) ?? "usd").toUpperCase();
const noInvoice: InboundOutcome = { status: "ignored", reason: "No app invoice matches its metadata (invoice_id, invoice_number or client_reference_id)." };

/**
 * Payments and refunds recorded against the app invoice, disputes flagged. The payment's
 * reference is the PaymentIntent id, so Checkout's completion and the intent's success (Stripe
 * sends both) record one payment.
 */
export const handle: HandleInboundEvent = async (ctx, { type, payload }) => {
  const event = obj(payload);
  const o = obj(obj(event.data).object);
  switch (type) {
    case "checkout.session.completed": {
      if (o.payment_status !== "paid") return { status: "ignored", reason: `Checkout session not paid (payment_status ${String(o.payment_status)}).` };
      const invoice = await invoiceOf(ctx, o);
      if (!invoice) return noInvoice;
      const amount = num(o.amount_total);
      if (!amount) return { status: "ignored", reason: "Checkout session has no amount_total." };
      const r = await ctx.invoices.recordPayment(invoice.id, { amount, currency: currency(o), reference: str(o.payment_intent) ?? str(o.id)!, at: at(event) });
      return { status: "processed", result: { invoiceId: invoice.id, ...r } };
    }
    case "payment_intent.succeeded": {
      const invoice = await invoiceOf(ctx, o);
      if (!invoice) return noInvoice;
      const amount = num(o.amount_received) ?? num(o.amount);
      if (!amount) return { status: "ignored", reason: "PaymentIntent has no amount." };
      const r = await ctx.invoices.recordPayment(invoice.id, { amount, currency: currency(o), reference: str(o.id)!, at: at(event) });
      return { status: "processed", result: { invoiceId: invoice.id, ...r } };
    }
    case "payment_intent.payment_failed": {
      const invoice = await invoiceOf(ctx, o);
      if (!invoice) return noInvoice;
      const error = obj(o.last_payment_error);
      return { status: "processed", result: { invoiceId: invoice.id, paymentFailed: str(error.message) ?? str(error.code) ?? "payment failed" } };
    }
    case "charge.refunded": {
      const invoice = await invoiceOf(ctx, o);
      if (!invoice) return noInvoice;
      const amount = num(o.amount_refunded);
      if (!amount) return { status: "ignored", reason: "Charge has no amount_refunded." };
      // amount_refunded is the charge's running total; recordRefund books the difference.
      const r = await ctx.invoices.recordRefund(invoice.id, { amount, currency: currency(o), reference: str(o.id)!, at: at(event) });
      return { status: "processed", result: { invoiceId: invoice.id, refund: r } };
    }
    case "charge.dispute.created": {
      const invoice = await invoiceOf(ctx, o);
      if (!invoice) return noInvoice;
      await ctx.invoices.flagDispute(invoice.id, { amount: num(o.amount) ?? 0, currency: currency(o), reference: str(o.id) ?? "", at: at(event), reason: str(o.reason) ?? undefined });
      return { status: "processed", result: { invoiceId: invoice.id, disputed: true } };
    }
    default:
      return { status: "ignored", reason: `Stripe event ${type} is not used by the hub.` };
  }
};
