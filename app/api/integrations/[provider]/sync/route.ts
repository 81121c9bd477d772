// POST /api/integrations/[provider]/sync — "Sync now" on the provider's default connection: all entities or one, incremental or full → 202 { data: { runId, joined } } (owner/admin; joins a run already queued or running)
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { syncRequest } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { startSync } from "@/lib/sync/api";
import { json, route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: providerParamsSchema, body: syncRequest }, async ({ db, ctx, params, body }) =>
  json({ data: await startSync(db, ctx, await defaultConnectionId(db, ctx, params.provider), body) }, 202),
);
