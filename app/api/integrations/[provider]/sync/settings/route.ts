// GET/PUT /api/integrations/[provider]/sync/settings — per-entity sync settings of the provider's default connection (direction, enabled, schedule, conflict and delete policy); PUT owner/admin, only the entities and fields that change
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { syncSettingsUpdate } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { getSyncSettings, putSyncSettings } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getSyncSettings(db, ctx, await defaultConnectionId(db, ctx, params.provider)) }),
);

export const PUT = route({ auth: "session", minRole: "admin", params: providerParamsSchema, body: syncSettingsUpdate }, async ({ db, ctx, params, body }) =>
  json({ data: await putSyncSettings(db, ctx, await defaultConnectionId(db, ctx, params.provider), body.entities) }),
);
