// GET /api/integrations/[provider]/sync/conflicts — the sync conflicts of the provider's default connection, newest first (?open=true: the open ones only; ?limit=)
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { conflictListQuery } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { conflictList } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerParamsSchema, query: conflictListQuery }, async ({ db, ctx, params, query }) =>
  json({ data: await conflictList(db, ctx, await defaultConnectionId(db, ctx, params.provider), query) }),
);
