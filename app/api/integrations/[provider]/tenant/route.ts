// GET /api/integrations/[provider]/tenant — the provider accounts (e.g. Xero organisations) a pending connection can use
// POST /api/integrations/[provider]/tenant — finalise a pending connection with the chosen account, body {tenantId} (owner/admin)
import { z } from "zod";
import { apiTenant } from "@/lib/auth/session";
import { chooseAccount, pendingAccounts } from "@/lib/connections/oauth-flow";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam, readBody } from "../../_shared/respond";

type Ctx = { params: Promise<{ provider: string }> };
const bodySchema = z.object({ tenantId: z.string().min(1).max(200) });

export async function GET(_req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json({ accounts: await pendingAccounts(await getDb(), auth.tenant, provider) });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}

export async function POST(req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    const { tenantId } = bodySchema.parse(await readBody(req));
    return Response.json({ connection: await chooseAccount(await getDb(), auth.tenant, provider, tenantId) });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
