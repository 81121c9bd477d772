// POST /api/integrations/[provider]/mappings/preview — { entity, mapping } → three real records fetched from the provider of the provider's default connection, before and after the mapping (nothing is saved)
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { mappingPreviewRequest } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { previewMapping } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const POST = route({ auth: "session", params: providerParamsSchema, body: mappingPreviewRequest }, async ({ db, ctx, params, body }) =>
  json({ data: await previewMapping(db, ctx, await defaultConnectionId(db, ctx, params.provider), body) }),
);
