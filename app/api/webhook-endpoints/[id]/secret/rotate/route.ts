// POST /api/webhook-endpoints/[id]/secret/rotate — a new secret; the old one keeps signing beside it for 24 h (owner/admin)
import { endpointParamsSchema, secretRotateRequest } from "@/lib/api/schemas/outbound";
import { rotateEndpointSecret } from "@/lib/outbound/endpoints";
import { json, route } from "../../../../_shared/route-handler";

export const POST = route(
  { auth: "session", minRole: "admin", params: endpointParamsSchema, body: secretRotateRequest },
  async ({ db, ctx, params, body }) => json({ data: await rotateEndpointSecret(db, ctx, params.id, body.secret) }),
);
