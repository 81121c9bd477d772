// GET /api/webhook-endpoints/[id]/stats — hourly succeeded/failed/p95 buckets for the chart (?hours=24, at most 168)
import { endpointParamsSchema, statsQuery } from "@/lib/api/schemas/outbound";
import { getEndpointRow } from "@/lib/outbound/endpoints";
import { endpointBuckets } from "@/lib/outbound/queries";
import { json, route } from "../../../_shared/route-handler";

export const GET = route(
  { auth: "session", params: endpointParamsSchema, query: statsQuery },
  async ({ db, ctx, params, query }) => {
    await getEndpointRow(db, ctx, params.id);
    return json({ data: { buckets: await endpointBuckets(db, ctx, params.id, query.hours) } });
  },
);
