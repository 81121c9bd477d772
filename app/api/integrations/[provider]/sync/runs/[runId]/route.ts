// GET /api/integrations/[provider]/sync/runs/[runId] — one sync run with its counters and per-record errors
import { providerRunParams } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { runDetail } from "@/lib/sync/api";
import { json, route } from "../../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: providerRunParams }, async ({ db, ctx, params }) =>
  json({ data: await runDetail(db, ctx, await defaultConnectionId(db, ctx, params.provider), params.runId) }),
);
