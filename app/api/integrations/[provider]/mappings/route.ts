// GET/PUT /api/integrations/[provider]/mappings — the effective field mapping per entity of the provider's default connection (its own or the provider's default) with the fields it may name; PUT (owner/admin) saves one entity's mapping (null = default), refusing an unknown or broken field with 400 naming its path
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { mappingUpdate } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { getMappings, putMapping } from "@/lib/sync/config-api";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getMappings(db, ctx, await defaultConnectionId(db, ctx, params.provider)) }),
);

export const PUT = route({ auth: "session", minRole: "admin", params: providerParamsSchema, body: mappingUpdate }, async ({ db, ctx, params, body }) =>
  json({ data: await putMapping(db, ctx, await defaultConnectionId(db, ctx, params.provider), body) }),
);
