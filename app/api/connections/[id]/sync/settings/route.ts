// GET/PUT /api/connections/[id]/sync/settings — per-entity sync settings of one connection (direction, enabled, schedule, conflict and delete policy); PUT owner/admin, only the entities and fields that change
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { syncSettingsUpdate } from "@/lib/api/schemas/sync";
import { getSyncSettings, putSyncSettings } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getSyncSettings(db, ctx, params.id) }),
);

export const PUT = route({ auth: "session", minRole: "admin", params: connectionParamsSchema, body: syncSettingsUpdate }, async ({ db, ctx, params, body }) =>
  json({ data: await putSyncSettings(db, ctx, params.id, body.entities) }),
);
