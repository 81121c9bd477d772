// GET /api/connections/[id] — one connection (public fields only)
// PATCH /api/connections/[id] — change its settings, display name, or make it the provider's default (owner/admin)
// DELETE /api/connections/[id] — disconnect it: revoke at the provider unless another connection shares the grant, erase credentials (owner/admin)
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { disconnect } from "@/lib/connections/disconnect";
import { getConnection, updateConnectionDetails } from "@/lib/connections/manage";
import { getDb } from "@/lib/db/client";
import { integrationErrorResponse, readBody } from "../../integrations/_shared/respond";
import { connectionParam } from "../_params";

type Ctx = { params: Promise<{ id: string }> };

export async function GET(_req: Request, ctx: Ctx) {
  const auth = await apiTenant();
  if (!auth.ok) return auth.response;
  try {
    const { id } = connectionParam.parse(await ctx.params);
    return Response.json({ connection: await getConnection(await getDb(), userContext(auth.tenant), id) });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}

export async function PATCH(req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { id } = connectionParam.parse(await ctx.params);
    return Response.json({ connection: await updateConnectionDetails(await getDb(), userContext(auth.tenant), id, await readBody(req)) });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}

export async function DELETE(_req: Request, ctx: Ctx) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { id } = connectionParam.parse(await ctx.params);
    return Response.json(await disconnect(await getDb(), userContext(auth.tenant), id));
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
