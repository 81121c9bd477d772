// POST /api/connections/[id]/mappings/preview — { entity, mapping } → three real records fetched from the provider of one connection, before and after the mapping (nothing is saved)
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { mappingPreviewRequest } from "@/lib/api/schemas/sync";
import { previewMapping } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const POST = route({ auth: "session", params: connectionParamsSchema, body: mappingPreviewRequest }, async ({ db, ctx, params, body }) =>
  json({ data: await previewMapping(db, ctx, params.id, body) }),
);
