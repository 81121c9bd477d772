// POST /api/integrations/[provider]/sync/runs/[runId]/cancel — stop a run at its next page boundary (a queued one at once) (owner/admin)
import { providerRunParams } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { cancel } from "@/lib/sync/api";
import { json, route } from "../../../../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: providerRunParams }, async ({ db, ctx, params }) =>
  json({ data: await cancel(db, ctx, await defaultConnectionId(db, ctx, params.provider), params.runId) }),
);
