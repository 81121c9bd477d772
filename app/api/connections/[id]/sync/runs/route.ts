// GET /api/connections/[id]/sync/runs — one connection's sync runs, newest first, as { data, page: { limit, nextCursor } } (?limit=&before=<nextCursor>)
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { parseRunsCursor, runListQuery, runsCursor } from "@/lib/api/schemas/sync";
import { runPage } from "@/lib/sync/api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema, query: runListQuery }, async ({ db, ctx, params, query }) => {
  const runs = await runPage(db, ctx, params.id, { limit: query.limit, before: parseRunsCursor(query.before) });
  const last = runs.at(-1);
  return json({ data: runs, page: { limit: query.limit, nextCursor: runs.length === query.limit && last ? runsCursor(last) : null } });
});
