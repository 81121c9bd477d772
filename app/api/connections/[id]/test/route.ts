// POST /api/connections/[id]/test — run this connection's health check now and record the result (owner/admin)
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { testConnection } from "@/lib/connections/health";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse } from "../../../integrations/_shared/respond";
import { connectionParam } from "../../_params";

export async function POST(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { id } = connectionParam.parse(await ctx.params);
    const result = await testConnection(await getDb(), userContext(auth.tenant), id);
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
