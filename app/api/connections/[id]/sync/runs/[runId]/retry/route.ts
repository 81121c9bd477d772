// POST /api/connections/[id]/sync/runs/[runId]/retry — "retry failed": a new run of just the records this run could not sync → 202 { data: { runId, joined } } (owner/admin)
import { connectionRunParams } from "@/lib/api/schemas/sync";
import { retry } from "@/lib/sync/api";
import { json, route } from "../../../../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: connectionRunParams }, async ({ db, ctx, params }) =>
  json({ data: await retry(db, ctx, params.id, params.runId) }, 202),
);
