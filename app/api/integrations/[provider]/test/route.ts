// POST /api/integrations/[provider]/test — run the health check of the provider's default connection now and record the result (owner/admin)
import { providerParamsSchema } from "@/lib/api/schemas/integrations";
import { defaultConnectionId } from "@/lib/connections/manage";
import { healthAnswer } from "../../../connections/_shared/health-answer";
import { route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: providerParamsSchema }, async ({ db, ctx, params }) =>
  healthAnswer(db, ctx, await defaultConnectionId(db, ctx, params.provider)),
);
