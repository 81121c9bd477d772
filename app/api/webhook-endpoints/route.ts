// GET /api/webhook-endpoints — the organisation's outbound endpoints with 24-hour stats, as { data }
// POST /api/webhook-endpoints — add an endpoint (owner/admin); its secret is generated unless supplied
import { endpointCreateRequest } from "@/lib/api/schemas/outbound";
import { createEndpoint, listEndpointRows } from "@/lib/outbound/endpoints";
import { endpointDtos } from "@/lib/outbound/queries";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session" }, async ({ db, ctx }) =>
  json({ data: await endpointDtos(db, ctx, await listEndpointRows(db, ctx)) }),
);

export const POST = route({ auth: "session", minRole: "admin", body: endpointCreateRequest }, async ({ db, ctx, body }) => {
  const row = await createEndpoint(db, ctx, body);
  const [dto] = await endpointDtos(db, ctx, [row]);
  return json({ data: dto }, 201);
});
