// POST /api/events/[id]/resend — send an event again as new messages, to { endpointId } or every subscribed endpoint; 202 { data: { deliveries } } (owner/admin)
import { eventParamsSchema, resendRequest } from "@/lib/api/schemas/outbound";
import { resendEvent } from "@/lib/outbound/actions";
import { json, route } from "../../../_shared/route-handler";

export const POST = route(
  { auth: "session", minRole: "admin", params: eventParamsSchema, body: resendRequest },
  async ({ db, ctx, params, body }) => json({ data: await resendEvent(db, ctx, params.id, body.endpointId) }, 202),
);
