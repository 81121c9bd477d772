// POST /api/webhook-deliveries/[id]/retry — try one delivery again now; 202 { data: { deliveryId } } (owner/admin)
import { deliveryParamsSchema } from "@/lib/api/schemas/outbound";
import { retryDelivery } from "@/lib/outbound/actions";
import { json, route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: deliveryParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await retryDelivery(db, ctx, params.id) }, 202),
);
