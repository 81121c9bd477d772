// GET /api/customers/[id] — one customer of the organisation (404 for any other)
// PATCH /api/customers/[id] — change some of its fields
import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import { accountingErrorResponse, readJson } from "@/lib/accounting/api-errors";
import type { CustomerUpdateInput } from "@/lib/accounting/schemas";
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

// The body is cast to the input type only to call the query, which validates it with zod.
export async function PATCH(req: Request, { params }: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const body = (await readJson(req)) as CustomerUpdateInput;
    return Response.json(await updateCustomer(await getDb(), auth.tenant, (await params).id, body));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
