// GET /api/invoices/[id] — one invoice with lines and payments (404 for other organisations) (session or API key)
// PATCH /api/invoices/[id] — edit it; "status": "sent" | "void" moves it along its lifecycle
import { getInvoice, markInvoiceSent, updateInvoice, voidInvoice } from "@/lib/db/queries/invoices";
import { invoicePatchRequest, toInvoiceDto } from "@/lib/api/schemas/invoices";
import { idParamsSchema } from "@/lib/api/schemas/registry";
import { json, route } from "../../_shared/route-handler";

export const GET = route({ auth: "session_or_api_key", params: idParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: toInvoiceDto(await getInvoice(db, ctx, params.id)) }),
);

// A status change comes alone or with field edits; edits are applied first.
export const PATCH = route(
  { auth: "session", params: idParamsSchema, body: invoicePatchRequest },
  async ({ db, ctx, params: { id }, body: { status, ...fields } }) => {
    const edits = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (Object.keys(edits).length > 0 || !status) await updateInvoice(db, ctx, id, edits);
    if (status === "sent") await markInvoiceSent(db, ctx, id);
    if (status === "void") await voidInvoice(db, ctx, id);
    return json({ data: toInvoiceDto(await getInvoice(db, ctx, id)) });
  },
);
