// GET /api/connections/[id]/sync/runs/[runId] — one sync run with its counters and per-record errors
import { connectionRunParams } from "@/lib/api/schemas/sync";
import { runDetail } from "@/lib/sync/api";
import { json, route } from "../../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionRunParams }, async ({ db, ctx, params }) =>
  json({ data: await runDetail(db, ctx, params.id, params.runId) }),
);
