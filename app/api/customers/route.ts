// GET /api/customers — list the organisation's customers (?q, ?limit, ?offset) as { data, page } (session or API key)
// POST /api/customers — create a customer; answers 201 { data: customer } (session or API key)
import { createCustomer, listCustomers } from "@/lib/db/queries/customers";
import { listEnvelope } from "@/lib/api/envelope";
import { customerCreateRequest, customerListQuery, toCustomerDto } from "@/lib/api/schemas/customers";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session_or_api_key", query: customerListQuery }, async ({ db, ctx, query }) =>
  json(listEnvelope(await listCustomers(db, ctx, query), toCustomerDto)),
);

export const POST = route({ auth: "session_or_api_key", body: customerCreateRequest }, async ({ db, ctx, body }) =>
  json({ data: toCustomerDto(await createCustomer(db, ctx, body)) }, 201),
);
