// GET /api/connections/[id]/sync/conflicts — the sync conflicts of one connection, newest first (?open=true: the open ones only; ?limit=)
import { connectionParamsSchema } from "@/lib/api/schemas/integrations";
import { conflictListQuery } from "@/lib/api/schemas/sync";
import { conflictList } from "@/lib/sync/config-api";
import { json, route } from "../../../../_shared/route-handler";

export const GET = route({ auth: "session", params: connectionParamsSchema, query: conflictListQuery }, async ({ db, ctx, params, query }) =>
  json({ data: await conflictList(db, ctx, params.id, query) }),
);
