// GET /api/webhook-endpoints/[id] — one endpoint with its 24-hour stats, as { data }
// PATCH /api/webhook-endpoints/[id] — edit it, or pause/resume it with { status } (owner/admin)
// DELETE /api/webhook-endpoints/[id] — delete it with its deliveries and attempts (owner/admin)
import { deletedResponse, endpointParamsSchema, endpointPatchRequest } from "@/lib/api/schemas/outbound";
import { requeuePending } from "@/lib/outbound/actions";
import { deleteEndpoint, getEndpointRow, updateEndpoint } from "@/lib/outbound/endpoints";
import { endpointDtos } from "@/lib/outbound/queries";
import { json, route } from "../../_shared/route-handler";

export const GET = route({ auth: "session", params: endpointParamsSchema }, async ({ db, ctx, params }) => {
  const [dto] = await endpointDtos(db, ctx, [await getEndpointRow(db, ctx, params.id)]);
  return json({ data: dto });
});

export const PATCH = route(
  { auth: "session", minRole: "admin", params: endpointParamsSchema, body: endpointPatchRequest },
  async ({ db, ctx, params, body }) => {
    const { row, resumed } = await updateEndpoint(db, ctx, params.id, body);
    // Deliveries that waited while the endpoint was paused or disabled are tried again now.
    if (resumed) await requeuePending(db, ctx, row.id);
    const [dto] = await endpointDtos(db, ctx, [row]);
    return json({ data: dto });
  },
);

export const DELETE = route({ auth: "session", minRole: "admin", params: endpointParamsSchema }, async ({ db, ctx, params }) => {
  await deleteEndpoint(db, ctx, params.id);
  return json(deletedResponse.parse({ data: { id: params.id, deleted: true } }));
});
