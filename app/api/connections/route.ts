// GET /api/connections — the organisation's connections as { data, page } (?provider=&includeDisconnected=&limit=&offset=)
import { connectionListQuery } from "@/lib/api/schemas/integrations";
import { listConnections } from "@/lib/connections/manage";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session", query: connectionListQuery }, async ({ db, ctx, query }) => {
  const { connections, limit, offset, total } = await listConnections(db, ctx, query);
  return json({ data: connections, page: { limit, offset, total } });
});
