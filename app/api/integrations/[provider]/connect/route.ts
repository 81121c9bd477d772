// POST /api/integrations/[provider]/connect — OAuth providers: answers {redirectUrl} to send the browser to;
// api_key/basic/webhook_url providers: body = the manifest's fields, verified live at the provider before saving (owner/admin).
// A new provider account becomes a new connection where the provider allows several; the same account is reconnected.
import { userContext } from "@/lib/auth/access";
import { apiTenant } from "@/lib/auth/session";
import { connectWithFields } from "@/lib/connections/connect-fields";
import { startAuthorization } from "@/lib/connections/oauth-flow";
import { providerOrThrow } from "@/lib/connections/provider";
import { getDb } from "@/lib/db/client";
import { callbackUrl, integrationErrorResponse, providerParam, readBody } from "../../_shared/respond";

export async function POST(req: Request, ctx: { params: Promise<{ provider: string }> }) {
  const auth = await apiTenant("admin");
  if (!auth.ok) return auth.response;
  try {
    const { provider } = providerParam.parse(await ctx.params);
    const db = await getDb();
    const access = userContext(auth.tenant);
    if (providerOrThrow(provider).manifest.authMode === "oauth2") {
      return Response.json(await startAuthorization(db, access, provider, { redirectUri: callbackUrl(req, provider) }));
    }
    return Response.json({ connection: await connectWithFields(db, access, provider, await readBody(req)) }, { status: 201 });
  } catch (err) {
    return integrationErrorResponse(err);
  }
}
