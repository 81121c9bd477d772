// GET /api/invoices — list the organisation's invoices (?q, ?status, ?customerId, ?limit, ?offset)
// POST /api/invoices — create an invoice with its lines (amounts in minor units; "send": true to send at once)
import { readJson } from "@/lib/accounting/api-errors";
import { invoiceListQuerySchema, type InvoiceCreateInput } from "@/lib/accounting/schemas";
import { createInvoice, getInvoice, listInvoices } from "@/lib/db/queries/invoices";
import { withTenant } from "../_shared/accounting-route";

export function GET(req: Request) {
  return withTenant(async ({ db, tenant }) => {
    const query = invoiceListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json(await listInvoices(db, tenant, query));
  });
}

// Bodies are cast to the input type only to call the query, which validates them with zod.
export function POST(req: Request) {
  return withTenant(async ({ db, tenant }) => {
    const created = await createInvoice(db, tenant, (await readJson(req)) as InvoiceCreateInput);
    return Response.json(await getInvoice(db, tenant, created.id), { status: 201 });
  });
}
