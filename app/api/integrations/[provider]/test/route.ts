// POST /api/integrations/[provider]/test — run the provider's health check now and record the result (owner/admin)
import { apiTenant } from "@/lib/auth/session";
import { testConnection } from "@/lib/connections/health";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam } from "../../_shared/respond";

export async function POST(_req: Request, ctx: { params: Promise<{ provider: string }> }) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    const result = await testConnection(await getDb(), auth.tenant, provider);
    // A failed check is a successful request: 200 with ok:false, the code and its plain message.
    return Response.json({
      ok: result.ok,
      checkedAt: result.checkedAt,
      error: result.error?.code ?? null,
      message: result.error?.message,
      connection: result.connection,
    });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
