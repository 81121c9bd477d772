// GET /api/integrations — the catalog grouped by category, with this organisation's status per integration
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { listCatalog } from "@/lib/connections/catalog";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse } from "./_shared/respond";

export async function GET() {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await listCatalog(await getDb(), userContext(auth.tenant)));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
