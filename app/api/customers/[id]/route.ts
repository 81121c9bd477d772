// GET /api/customers/[id] — one customer of the organisation (404 for any other) (session or API key)
// PATCH /api/customers/[id] — change some of its fields
import { getCustomer, updateCustomer } from "@/lib/db/queries/customers";
import { customerUpdateRequest, toCustomerDto } from "@/lib/api/schemas/customers";
import { idParamsSchema } from "@/lib/api/schemas/registry";
import { json, route } from "../../_shared/route-handler";

export const GET = route({ auth: "session_or_api_key", params: idParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: toCustomerDto(await getCustomer(db, ctx, params.id)) }),
);

export const PATCH = route(
  { auth: "session", params: idParamsSchema, body: customerUpdateRequest },
  async ({ db, ctx, params, body }) => json({ data: toCustomerDto(await updateCustomer(db, ctx, params.id, body)) }),
);
