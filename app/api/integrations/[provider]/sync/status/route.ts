// GET /api/integrations/[provider]/sync/status — the provider's default connection's sync status: { data: { provider, last_sync, status, entities: { customers: { synced, pending, errors }, … } } }
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { defaultConnectionId } from "@/lib/connections/manage";
import { syncStatus } from "@/lib/sync/api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await syncStatus(db, ctx, await defaultConnectionId(db, ctx, params.provider)) }),
);
