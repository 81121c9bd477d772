// GET /api/connections/[id]/webhook — where this connection's provider posts webhooks, and its secret status
// PUT /api/connections/[id]/webhook — set (or with null clear) the connection's own signing secret (admin/owner)
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { webhookSecretRequest } from "@/lib/api/schemas/inbound";
import { publicOrigin, setSigningSecret, webhookSettings } from "@/lib/inbound/queries";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema }, async ({ req, db, ctx, params }) =>
  json({ data: await webhookSettings(db, ctx, params.id, publicOrigin(req)) }));

export const PUT = route({ auth: "session", minRole: "admin", params: connectionParamsSchema, body: webhookSecretRequest }, async ({ req, db, ctx, params, body }) =>
  json({ data: await setSigningSecret(db, ctx, params.id, body.signingSecret, publicOrigin(req)) }));
