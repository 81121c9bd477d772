// GET /api/invoices — list the organisation's invoices (?q, ?status, ?customerId, ?limit, ?offset)
// POST /api/invoices — create an invoice with its lines (amounts in minor units; "send": true to send at once)
import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import { accountingErrorResponse, readJson } from "@/lib/accounting/api-errors";
import { invoiceListQuerySchema, type InvoiceCreateInput } from "@/lib/accounting/schemas";
import { getDb } from "@/lib/db/client";
import { createInvoice, getInvoice, listInvoices } from "@/lib/db/queries/invoices";

export async function GET(req: Request) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const query = invoiceListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json(await listInvoices(await getDb(), auth.tenant, query));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}

// Bodies are cast to the input type only to call the query, which validates them with zod.
export async function POST(req: Request) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const db = await getDb();
    const created = await createInvoice(db, auth.tenant, (await readJson(req)) as InvoiceCreateInput);
    return Response.json(await getInvoice(db, auth.tenant, created.id), { status: 201 });
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
