// DELETE /api/integrations/[provider] — disconnect: revoke at the provider, erase stored credentials (owner/admin)
// PATCH /api/integrations/[provider] — change the connection's settings (owner/admin)
import { apiTenant } from "@/lib/auth/session";
import { updateSettings } from "@/lib/connections/catalog";
import { disconnect } from "@/lib/connections/disconnect";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam, readBody } from "../_shared/respond";

type Ctx = { params: Promise<{ provider: string }> };

export async function DELETE(_req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json(await disconnect(await getDb(), auth.tenant, provider));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}

export async function PATCH(req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json(await updateSettings(await getDb(), auth.tenant, provider, await readBody(req)));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
