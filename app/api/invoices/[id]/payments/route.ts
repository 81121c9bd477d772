// GET /api/invoices/[id]/payments — the invoice's payments
// POST /api/invoices/[id]/payments — record a payment (amount in minor units); a full payment marks the invoice paid
import { readJson } from "@/lib/accounting/api-errors";
import type { PaymentCreateInput } from "@/lib/accounting/schemas";
import { getInvoice } from "@/lib/db/queries/invoices";
import { recordPayment } from "@/lib/db/queries/payments";
import { withTenant } from "../../../_shared/accounting-route";

type Ctx = { params: Promise<{ id: string }> };

export function GET(_req: Request, { params }: Ctx) {
  return withTenant(async ({ db, tenant }) => {
    const invoice = await getInvoice(db, tenant, (await params).id);
    return Response.json({ rows: invoice.payments });
  });
}

// Bodies are cast to the input type only to call the query, which validates them with zod.
export function POST(req: Request, { params }: Ctx) {
  return withTenant(async ({ db, tenant }) => {
    const result = await recordPayment(db, tenant, (await params).id, (await readJson(req)) as PaymentCreateInput);
    return Response.json(result, { status: 201 });
  });
}
