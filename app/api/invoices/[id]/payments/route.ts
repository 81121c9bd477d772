// GET /api/invoices/[id]/payments — the invoice's payments
// POST /api/invoices/[id]/payments — record a payment (amount in minor units); a full payment marks the invoice paid
import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import { accountingErrorResponse, readJson } from "@/lib/accounting/api-errors";
import type { PaymentCreateInput } from "@/lib/accounting/schemas";
import { getDb } from "@/lib/db/client";
import { getInvoice } from "@/lib/db/queries/invoices";
import { recordPayment } from "@/lib/db/queries/payments";

type Ctx = { params: Promise<{ id: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const invoice = await getInvoice(await getDb(), auth.tenant, (await params).id);
    return Response.json({ rows: invoice.payments });
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}

// Bodies are cast to the input type only to call the query, which validates them with zod.
export async function POST(req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const result = await recordPayment(await getDb(), auth.tenant, (await params).id, (await readJson(req)) as PaymentCreateInput);
    return Response.json(result, { status: 201 });
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
