// GET /api/integrations/[provider]/status — this organisation's status for one integration: its default connection and its other connections
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { getIntegrationStatus } from "@/lib/connections/catalog";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam } from "../../_shared/respond";

export async function GET(_req: Request, ctx: { params: Promise<{ provider: string }> }) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json(await getIntegrationStatus(await getDb(), userContext(auth.tenant), provider));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
