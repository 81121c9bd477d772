// GET /api/connections — the organisation's connections, paged (?provider=&includeDisconnected=&limit=&offset=)
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { listConnections } from "@/lib/connections/manage";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse } from "../integrations/_shared/respond";
import { listQuery, queryOf } from "./_params";

export async function GET(req: Request) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const query = listQuery.parse(queryOf(req));
    return Response.json(await listConnections(await getDb(), userContext(auth.tenant), query));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
