// GET /api/invoices/[id] — one invoice with lines and payments (404 for other organisations)
// PATCH /api/invoices/[id] — edit it; "status": "sent" | "void" moves it along its lifecycle
import { z } from "zod";
import { readJson } from "@/lib/accounting/api-errors";
import { getInvoice, markInvoiceSent, updateInvoice, voidInvoice } from "@/lib/db/queries/invoices";
import { withTenant } from "../../_shared/accounting-route";

type Ctx = { params: Promise<{ id: string }> };

/** A status change comes alone or with field edits; edits are applied first. */
const patchSchema = z.looseObject({ status: z.enum(["sent", "void"]).optional() });

export function GET(_req: Request, { params }: Ctx) {
  return withTenant(async ({ db, tenant }) => Response.json(await getInvoice(db, tenant, (await params).id)));
}

export function PATCH(req: Request, { params }: Ctx) {
  return withTenant(async ({ db, tenant }) => {
    const { id } = await params;
    const { status, ...fields } = patchSchema.parse(await readJson(req));
    if (Object.keys(fields).length > 0 || !status) await updateInvoice(db, tenant, id, fields);
    if (status === "sent") await markInvoiceSent(db, tenant, id);
    if (status === "void") await voidInvoice(db, tenant, id);
    return Response.json(await getInvoice(db, tenant, id));
  });
}
