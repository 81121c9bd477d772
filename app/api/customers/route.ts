// GET /api/customers — list the organisation's customers (?q, ?limit, ?offset) as { data, page }
// POST /api/customers — create a customer; answers 201 { data: customer }
import { createCustomer, listCustomers } from "@/lib/db/queries/customers";
import { listEnvelope } from "@/lib/api/envelope";
import { customerCreateRequest, customerListQuery, toCustomerDto } from "@/lib/api/schemas/customers";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session", query: customerListQuery }, async ({ db, tenant, query }) =>
  json(listEnvelope(await listCustomers(db, tenant, query), toCustomerDto)),
);

export const POST = route({ auth: "session", body: customerCreateRequest }, async ({ db, tenant, body }) =>
  json({ data: toCustomerDto(await createCustomer(db, tenant, body)) }, 201),
);
