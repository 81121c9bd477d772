// GET /api/integrations/[provider]/status — this organisation's status for one integration: { data: catalog entry + its connections }
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { getIntegrationStatus } from "@/lib/connections/catalog";
import { json, route } from "../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  json({ data: await getIntegrationStatus(db, ctx, params.provider) }),
);
