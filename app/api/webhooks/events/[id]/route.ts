// GET /api/webhooks/events/[id] — one inbound event with its payload and stored headers
import { inboundEventParams } from "@/lib/api/schemas/inbound";
import { getInboundEvent } from "@/lib/inbound/queries";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", params: inboundEventParams }, async ({ db, ctx, params }) =>
  json({ data: await getInboundEvent(db, ctx, params.id) }));
