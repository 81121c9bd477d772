// DELETE /api/integrations/[provider] — disconnect the provider's default connection: revoke at the provider, erase stored credentials (owner/admin)
// PATCH /api/integrations/[provider] — change the default connection's settings (owner/admin)
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { disconnect } from "@/lib/connections/disconnect";
import { defaultConnectionId, updateSettings } from "@/lib/connections/manage";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam, readBody } from "../_shared/respond";

type Ctx = { params: Promise<{ provider: string }> };

export async function DELETE(_req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    const db = await getDb();
    const access = userContext(auth.tenant);
    return Response.json(await disconnect(db, access, await defaultConnectionId(db, access, provider)));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}

export async function PATCH(req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json(await updateSettings(await getDb(), userContext(auth.tenant), provider, await readBody(req)));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
