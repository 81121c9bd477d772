// GET /api/webhook-endpoints/[id]/secret — the signing secret (and a rotated-out one still signing), owner/admin only
import { endpointParamsSchema } from "@/lib/api/schemas/outbound";
import { getEndpointSecret } from "@/lib/outbound/endpoints";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", minRole: "admin", params: endpointParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getEndpointSecret(db, ctx, params.id) }),
);
