// POST /api/connections/[id]/test — run this connection's health check now and record the result (owner/admin)
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { healthAnswer } from "../../_shared/health-answer";
import { route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: connectionParamsSchema }, async ({ db, ctx, params }) =>
  healthAnswer(db, ctx, params.id),
);
