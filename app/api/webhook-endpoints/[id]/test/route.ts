// POST /api/webhook-endpoints/[id]/test — send the sample of { type } to this endpoint; 202 { data: { eventId, deliveryId } } (owner/admin)
import { endpointParamsSchema, testEventRequest } from "@/lib/api/schemas/outbound";
import { sendTestEvent } from "@/lib/outbound/actions";
import { json, route } from "../../../_shared/route-handler";

export const POST = route(
  { auth: "session", minRole: "admin", params: endpointParamsSchema, body: testEventRequest },
  async ({ db, ctx, params, body }) => json({ data: await sendTestEvent(db, ctx, params.id, body.type) }, 202),
);
