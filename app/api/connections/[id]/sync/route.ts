// POST /api/connections/[id]/sync — "Sync now" on one connection: all entities or one, incremental or full → 202 { data: { runId, joined } } (owner/admin; joins a run already queued or running)
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { syncRequest } from "@/lib/api/schemas/sync";
import { startSync } from "@/lib/sync/api";
import { json, route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: connectionParamsSchema, body: syncRequest }, async ({ db, ctx, params, body }) =>
  json({ data: await startSync(db, ctx, params.id, body) }, 202),
);
