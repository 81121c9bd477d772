// GET /api/connections/[id]/logs — this connection's audit entries, newest first, as { data, page: { limit, nextCursor } } (?limit=&before=<nextCursor>)
import { connectionLogsQuery, connectionParamsSchema, logsCursor, parseLogsCursor } from "@/lib/api/schemas/integrations";
import { connectionLogs } from "@/lib/connections/logs";
import { json, route } from "../../../_shared/route-handler";

export const GET = route(
  { auth: "session", params: connectionParamsSchema, query: connectionLogsQuery },
  async ({ db, ctx, params, query }) => {
    const entries = await connectionLogs(db, ctx, params.id, { limit: query.limit, before: parseLogsCursor(query.before) });
    const last = entries.at(-1);
    return json({ data: entries, page: { limit: query.limit, nextCursor: entries.length === query.limit && last ? logsCursor(last) : null } });
  },
);
