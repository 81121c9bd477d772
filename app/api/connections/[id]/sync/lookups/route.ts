// GET /api/connections/[id]/sync/lookups?kind=accounts|tax_rates — a connection's pulled list that mapping values are chosen from
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { lookupListQuery } from "@/lib/api/schemas/sync";
import { lookupList } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema, query: lookupListQuery }, async ({ db, ctx, params, query }) =>
  json({ data: await lookupList(db, ctx, params.id, query.kind) }),
);
