// GET /api/invoices/[id] — one invoice with lines and payments (404 for other organisations)
// PATCH /api/invoices/[id] — edit it; "status": "sent" | "void" moves it along its lifecycle
import { z } from "zod";
import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import { accountingErrorResponse, readJson } from "@/lib/accounting/api-errors";
import { getDb } from "@/lib/db/client";
import { getInvoice, markInvoiceSent, updateInvoice, voidInvoice } from "@/lib/db/queries/invoices";

type Ctx = { params: Promise<{ id: string }> };

/** A status change comes alone or with field edits; edits are applied first. */
const patchSchema = z.looseObject({ status: z.enum(["sent", "void"]).optional() });

export async function GET(_req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await getInvoice(await getDb(), auth.tenant, (await params).id));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}

export async function PATCH(req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const { id } = await params;
    const db = await getDb();
    const { status, ...fields } = patchSchema.parse(await readJson(req));
    if (Object.keys(fields).length > 0 || !status) await updateInvoice(db, auth.tenant, id, fields);
    if (status === "sent") await markInvoiceSent(db, auth.tenant, id);
    if (status === "void") await voidInvoice(db, auth.tenant, id);
    return Response.json(await getInvoice(db, auth.tenant, id));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
