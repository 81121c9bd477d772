// POST /api/integrations/[provider]/test — run the health check of the provider's default connection now and record the result (owner/admin)
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { testConnection } from "@/lib/connections/health";
import { defaultConnectionId } from "@/lib/connections/manage";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam } from "../../_shared/respond";

export async function POST(_req: Request, ctx: { params: Promise<{ provider: string }> }) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    const db = await getDb();
    const access = userContext(auth.tenant);
    const result = await testConnection(db, access, await defaultConnectionId(db, access, provider));
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
