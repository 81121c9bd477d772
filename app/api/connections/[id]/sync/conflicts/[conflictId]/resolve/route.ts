// POST /api/connections/[id]/sync/conflicts/[conflictId]/resolve — { side: "app"|"provider" }: a person picks the winning version of an open conflict of one connection (owner/admin); applied through the sync write path, recording who and when
import { conflictResolveRequest, connectionConflictParams } from "@/lib/api/schemas/sync";
import { resolveConflict } from "@/lib/sync/config-api";
import { json, route } from "../../../../../../_shared/route-handler";

export const POST = route({ auth: "session", minRole: "admin", params: connectionConflictParams, body: conflictResolveRequest }, async ({ db, ctx, params, body }) =>
  json({ data: await resolveConflict(db, ctx, params.id, params.conflictId, body.side) }),
);
