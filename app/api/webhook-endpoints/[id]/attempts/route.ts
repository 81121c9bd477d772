// GET /api/webhook-endpoints/[id]/attempts — the delivery log, newest first: { data, page: { limit, nextCursor } } (?status=&cursor=&limit=)
import { attemptsQuery, endpointParamsSchema } from "@/lib/api/schemas/outbound";
import { getEndpointRow } from "@/lib/outbound/endpoints";
import { listAttempts } from "@/lib/outbound/queries";
import { json, route } from "../../../_shared/route-handler";

export const GET = route(
  { auth: "session", params: endpointParamsSchema, query: attemptsQuery },
  async ({ db, ctx, params, query }) => {
    await getEndpointRow(db, ctx, params.id);
    const { data, nextCursor } = await listAttempts(db, ctx, params.id, { limit: query.limit, before: query.cursor, status: query.status });
    return json({ data, page: { limit: query.limit, nextCursor } });
  },
);
