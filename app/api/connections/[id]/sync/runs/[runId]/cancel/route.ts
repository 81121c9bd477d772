// POST /api/connections/[id]/sync/runs/[runId]/cancel — stop a run at its next page boundary (a queued one at once) (owner/admin)
import { connectionRunParams } from "@/lib/api/schemas/sync";
import { cancel } from "@/lib/sync/api";
import { json, route } from "../../../../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: connectionRunParams }, async ({ db, ctx, params }) =>
  json({ data: await cancel(db, ctx, params.id, params.runId) }),
);
