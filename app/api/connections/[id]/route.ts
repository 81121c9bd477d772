// GET /api/connections/[id] — one connection (public fields only) as { data }
// PATCH /api/connections/[id] — change its settings, display name, or make it the provider's default (owner/admin)
// DELETE /api/connections/[id] — disconnect it: revoke at the provider unless another connection shares the grant, erase credentials (owner/admin)
import { connectionParamsSchema, connectionPatchRequest } from "@/lib/api/schemas/integrations";
import { disconnect } from "@/lib/connections/disconnect";
import { getConnection, updateConnectionDetails } from "@/lib/connections/manage";
import { json, route } from "../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getConnection(db, ctx, params.id) }),
);

export const PATCH = route(
  { auth: "session", minRole: "admin", params: connectionParamsSchema, body: connectionPatchRequest },
  async ({ db, ctx, params, body }) => json({ data: await updateConnectionDetails(db, ctx, params.id, body) }),
);

export const DELETE = route({ auth: "session", minRole: "admin", params: connectionParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await disconnect(db, ctx, params.id) }),
);
