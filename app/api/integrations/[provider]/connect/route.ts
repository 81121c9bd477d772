// POST /api/integrations/[provider]/connect — OAuth providers: answers { data: { redirectUrl } } to send the browser to;
// api_key/basic/webhook_url providers: body = the manifest's fields, verified live at the provider before saving; answers 201 { data: connection } (owner/admin).
// A new provider account becomes a new connection where the provider allows several; the same account is reconnected.
import { connectRequest, providerParamsSchema } from "@/lib/api/schemas/integrations";
import { connectWithFields } from "@/lib/connections/connect-fields";
import { startAuthorization } from "@/lib/connections/oauth-flow";
import { providerOrThrow } from "@/lib/connections/provider";
import { callbackUrl } from "../../_shared/public-origin";
import { json, route } from "../../../_shared/route-handler";

export const POST = route(
  { auth: "session", minRole: "admin", params: providerParamsSchema, body: connectRequest },
  async ({ req, db, ctx, params, body }) => {
    if (providerOrThrow(params.provider).manifest.authMode === "oauth2") {
      return json({ data: await startAuthorization(db, ctx, params.provider, { redirectUri: callbackUrl(req, params.provider) }) });
    }
    return json({ data: await connectWithFields(db, ctx, params.provider, body ?? {}) }, 201);
  },
);
