// GET /api/invoices/[id]/payments — the invoice's payments as { data, page }
// POST /api/invoices/[id]/payments — record a payment (minor units); a full payment marks the invoice paid
import { getInvoice } from "@/lib/db/queries/invoices";
import { recordPayment } from "@/lib/db/queries/payments";
import { wholeListEnvelope } from "@/lib/api/envelope";
import { paymentCreateRequest, toInvoiceSummaryDto, toPaymentDto } from "@/lib/api/schemas/invoices";
import { idParamsSchema } from "@/lib/api/schemas/registry";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", params: idParamsSchema }, async ({ db, ctx, params }) => {
  const invoice = await getInvoice(db, ctx, params.id);
  return json(wholeListEnvelope(invoice.payments, toPaymentDto));
});

export const POST = route(
  { auth: "session", params: idParamsSchema, body: paymentCreateRequest },
  async ({ db, ctx, params, body }) => {
    const { payment, invoice } = await recordPayment(db, ctx, params.id, body);
    return json({ data: { payment: toPaymentDto(payment), invoice: toInvoiceSummaryDto(invoice) } }, 201);
  },
);
