// DELETE /api/api-keys/[id] — revoke a key (owners/admins); it stops working at once; 200 { data: key }
import { revokeApiKey } from "@/lib/auth/api-keys";
import { toApiKeyDto } from "@/lib/api/schemas/api-keys";
import { idParamsSchema } from "@/lib/api/schemas/registry";
import { json, route } from "../../_shared/route-handler";

export const DELETE = route({ auth: "session", minRole: "admin", params: idParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: toApiKeyDto(await revokeApiKey(db, ctx, params.id)) }),
);
