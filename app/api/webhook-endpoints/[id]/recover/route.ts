// POST /api/webhook-endpoints/[id]/recover — re-queue every failed delivery created since { since }; 202 { data: { requeued } } (owner/admin)
import { endpointParamsSchema, recoverRequest } from "@/lib/api/schemas/outbound";
import { recoverDeliveries } from "@/lib/outbound/actions";
import { json, route } from "../../../_shared/route-handler";

export const POST = route(
  { auth: "session", minRole: "admin", params: endpointParamsSchema, body: recoverRequest },
  async ({ db, ctx, params, body }) => json({ data: await recoverDeliveries(db, ctx, params.id, new Date(body.since)) }, 202),
);
