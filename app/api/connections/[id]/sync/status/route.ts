// GET /api/connections/[id]/sync/status — one connection's sync status: { data: { provider, last_sync, status, entities: { customers: { synced, pending, errors }, … } } }
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { syncStatus } from "@/lib/sync/api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await syncStatus(db, ctx, params.id) }),
);
