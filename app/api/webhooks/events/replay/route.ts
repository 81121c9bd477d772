// POST /api/webhooks/events/replay — process stored events again (admin/owner)
import { replayRequest } from "@/lib/api/schemas/inbound";
import { replayInboundEvents } from "@/lib/inbound/queries";
import { json, route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", body: replayRequest }, async ({ db, ctx, body }) =>
  json({ data: { replayed: await replayInboundEvents(db, ctx, body.ids) } }, 202));
