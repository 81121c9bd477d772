// GET /api/invoices — list the organisation's invoices (?q, ?status, ?customerId, ?limit, ?offset) as { data, page } (session or API key)
// POST /api/invoices — create an invoice with its lines (minor units; "send": true sends it at once); 201 { data: invoice } (session or API key)
import { createInvoice, getInvoice, listInvoices } from "@/lib/db/queries/invoices";
import { listEnvelope } from "@/lib/api/envelope";
import { invoiceCreateRequest, invoiceListQuery, toInvoiceDto, toInvoiceSummaryDto } from "@/lib/api/schemas/invoices";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session_or_api_key", query: invoiceListQuery }, async ({ db, ctx, query }) =>
  json(listEnvelope(await listInvoices(db, ctx, query), toInvoiceSummaryDto)),
);

export const POST = route({ auth: "session_or_api_key", body: invoiceCreateRequest }, async ({ db, ctx, body }) => {
  const created = await createInvoice(db, ctx, body);
  return json({ data: toInvoiceDto(await getInvoice(db, ctx, created.id)) }, 201);
});
