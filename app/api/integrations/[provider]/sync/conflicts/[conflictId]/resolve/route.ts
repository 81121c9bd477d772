// POST /api/integrations/[provider]/sync/conflicts/[conflictId]/resolve — { side: "app"|"provider" }: a person picks the winning version of an open conflict of the provider's default connection (owner/admin); applied through the sync write path, recording who and when
import { conflictResolveRequest, providerConflictParams } from "@/lib/api/schemas/sync";
import { defaultConnectionId } from "@/lib/connections/manage";
import { resolveConflict } from "@/lib/sync/config-api";
import { json, route } from "../../../../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: providerConflictParams, body: conflictResolveRequest }, async ({ db, ctx, params, body }) =>
  json({ data: await resolveConflict(db, ctx, await defaultConnectionId(db, ctx, params.provider), params.conflictId, body.side) }),
);
