// GET/PUT /api/connections/[id]/mappings — the effective field mapping per entity of one connection (its own or the provider's default) with the fields it may name; PUT (owner/admin) saves one entity's mapping (null = default), refusing an unknown or broken field with 400 naming its path
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { mappingUpdate } from "@/lib/api/schemas/sync";
import { getMappings, putMapping } from "@/lib/sync/config-api";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getMappings(db, ctx, params.id) }),
);

export const PUT = route({ auth: "session", minRole: "admin", params: connectionParamsSchema, body: mappingUpdate }, async ({ db, ctx, params, body }) =>
  json({ data: await putMapping(db, ctx, params.id, body) }),
);
