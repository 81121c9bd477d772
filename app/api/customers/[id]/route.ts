// GET /api/customers/[id] — one customer of the organisation (404 for any other)
// PATCH /api/customers/[id] — change some of its fields
import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import { accountingErrorResponse, readJson } from "@/lib/accounting/api-errors";
import { getDb } from "@/lib/db/client";
import { getCustomer, updateCustomer } from "@/lib/db/queries/customers";

type Ctx = { params: Promise<{ id: string }> };

export async function GET(_req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await getCustomer(await getDb(), auth.tenant, (await params).id));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}

export async function PATCH(req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const body = (await readJson(req)) as never;
    return Response.json(await updateCustomer(await getDb(), auth.tenant, (await params).id, body));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
