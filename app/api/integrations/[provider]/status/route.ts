// GET /api/integrations/[provider]/status — this organisation's status, account, scopes and health for one integration
import { apiTenant } from "@/lib/auth/session";
import { getIntegrationStatus } from "@/lib/connections/catalog";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam } from "../../_shared/respond";

export async function GET(_req: Request, ctx: { params: Promise<{ provider: string }> }) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json(await getIntegrationStatus(await getDb(), auth.tenant, provider));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
