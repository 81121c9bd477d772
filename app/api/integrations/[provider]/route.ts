// DELETE /api/integrations/[provider] — disconnect the provider's default connection: revoke at the provider, erase stored credentials (owner/admin)
// PATCH /api/integrations/[provider] — merge settings into the default connection; answers { data: connection } (owner/admin)
import { providerParamsSchema, settingsPatchRequest } from "@/lib/api/schemas/integrations";
import { disconnect } from "@/lib/connections/disconnect";
import { defaultConnectionId, updateSettings } from "@/lib/connections/manage";
import { json, route } from "../../_shared/route-handler";

export const DELETE = route({ auth: "session", minRole: "admin", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await disconnect(db, ctx, await defaultConnectionId(db, ctx, params.provider)) }),
);

export const PATCH = route(
  { auth: "session", minRole: "admin", params: providerParamsSchema, body: settingsPatchRequest },
  async ({ db, ctx, params, body }) => json({ data: await updateSettings(db, ctx, params.provider, body) }),
);
