// GET /api/integrations/[provider]/tenant — the provider accounts (e.g. Xero organisations) a pending authorisation can connect
// POST /api/integrations/[provider]/tenant — connect the chosen accounts, body {tenantIds: [...]} (or {tenantId}); each becomes its own connection (owner/admin)
import { z } from "zod";
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { chooseAccounts, pendingAccounts } from "@/lib/connections/pending";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, providerParam, readBody } from "../../_shared/respond";

type Ctx = { params: Promise<{ provider: string }> };
const tenantId = z.string().min(1).max(200);
const bodySchema = z.union([
  z.object({ tenantIds: z.array(tenantId).min(1, "choose at least one organisation").max(50, "at most 50 organisations at once") }).strict(),
  z.object({ tenantId }).strict(),
]);

export async function GET(_req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    return Response.json({ accounts: await pendingAccounts(await getDb(), userContext(auth.tenant), provider) });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}

export async function POST(req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    const body = bodySchema.parse(await readBody(req));
    const ids = "tenantIds" in body ? body.tenantIds : [body.tenantId];
    const connections = await chooseAccounts(await getDb(), userContext(auth.tenant), provider, ids);
    return Response.json({ connections, connection: connections[0] });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
