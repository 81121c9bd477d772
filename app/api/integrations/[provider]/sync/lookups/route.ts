// GET /api/integrations/[provider]/sync/lookups?kind=accounts|tax_rates — the default connection's pulled list that mapping values are chosen from
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { lookupListQuery } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { lookupList } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerParamsSchema, query: lookupListQuery }, async ({ db, ctx, params, query }) =>
  json({ data: await lookupList(db, ctx, await defaultConnectionId(db, ctx, params.provider), query.kind) }),
);
