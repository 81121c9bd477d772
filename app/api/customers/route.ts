// GET /api/customers — list the organisation's customers (?q, ?limit, ?offset)
// POST /api/customers — create a customer
import { apiTenant, toErrorResponse } from "@/lib/auth/session";
import { accountingErrorResponse, readJson } from "@/lib/accounting/api-errors";
import { listQuerySchema, type CustomerCreateInput } from "@/lib/accounting/schemas";
import { getDb } from "@/lib/db/client";
import { createCustomer, listCustomers } from "@/lib/db/queries/customers";

export async function GET(req: Request) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const query = listQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json(await listCustomers(await getDb(), auth.tenant, query));
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}

// Bodies are cast to the input type only to call the query, which validates them with zod.
export async function POST(req: Request) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const customer = await createCustomer(await getDb(), auth.tenant, (await readJson(req)) as CustomerCreateInput);
    return Response.json(customer, { status: 201 });
  } catch (err) {
    return accountingErrorResponse(err) ?? toErrorResponse(err);
  }
}
