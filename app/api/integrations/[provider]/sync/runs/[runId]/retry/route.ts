// POST /api/integrations/[provider]/sync/runs/[runId]/retry — "retry failed": a new run of just the records this run could not sync → 202 { data: { runId, joined } } (owner/admin)
import { providerRunParams } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { retry } from "@/lib/sync/api";
import { json, route } from "../../../../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: providerRunParams }, async ({ db, ctx, params }) =>
  json({ data: await retry(db, ctx, await defaultConnectionId(db, ctx, params.provider), params.runId) }, 202),
);
