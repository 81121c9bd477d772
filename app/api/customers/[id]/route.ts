// GET /api/customers/[id] — one customer of the organisation (404 for any other)
// PATCH /api/customers/[id] — change some of its fields
import { readJson } from "@/lib/accounting/api-errors";
import type { CustomerUpdateInput } from "@/lib/accounting/schemas";
import { getCustomer, updateCustomer } from "@/lib/db/queries/customers";
import { withTenant } from "../../_shared/accounting-route";

type Ctx = { params: Promise<{ id: string }> };

export function GET(_req: Request, { params }: Ctx) {
  return withTenant(async ({ db, tenant }) => Response.json(await getCustomer(db, tenant, (await params).id)));
}

// The body is cast to the input type only to call the query, which validates it with zod.
export function PATCH(req: Request, { params }: Ctx) {
  return withTenant(async ({ db, tenant }) => {
    const body = (await readJson(req)) as CustomerUpdateInput;
    return Response.json(await updateCustomer(db, tenant, (await params).id, body));
  });
}
