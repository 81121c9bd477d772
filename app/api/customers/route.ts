// GET /api/customers — list the organisation's customers (?q, ?limit, ?offset)
// POST /api/customers — create a customer
import { readJson } from "@/lib/accounting/api-errors";
import { listQuerySchema, type CustomerCreateInput } from "@/lib/accounting/schemas";
import { createCustomer, listCustomers } from "@/lib/db/queries/customers";
import { withTenant } from "../_shared/accounting-route";

export function GET(req: Request) {
  return withTenant(async ({ db, tenant }) => {
    const query = listQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json(await listCustomers(db, tenant, query));
  });
}

// Bodies are cast to the input type only to call the query, which validates them with zod.
export function POST(req: Request) {
  return withTenant(async ({ db, tenant }) => {
    const customer = await createCustomer(db, tenant, (await readJson(req)) as CustomerCreateInput);
    return Response.json(customer, { status: 201 });
  });
}
