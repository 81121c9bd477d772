// GET /api/connections/[id]/logs — this connection's audit entries, newest first, paged by cursor (?limit=&before=)
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { connectionLogs } from "@/lib/connections/logs";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse } from "../../../integrations/_shared/respond";
import { connectionParam, logsQuery, parseCursor, queryOf, toCursor } from "../../_params";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const { id } = connectionParam.parse(await ctx.params);
    const { limit, before } = logsQuery.parse(queryOf(req));
    const entries = await connectionLogs(await getDb(), userContext(auth.tenant), id, { limit, before: parseCursor(before) });
    const last = entries.at(-1);
    return Response.json({ entries, nextCursor: entries.length === limit && last ? toCursor({ createdAt: new Date(last.createdAt), id: last.id }) : null });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
