// GET /api/events — the organisation's events, newest first, with their deliveries counted: { data, page: { limit, nextCursor } } (?type=&cursor=&limit=)
import { eventsQuery } from "@/lib/api/schemas/outbound";
import { listEvents } from "@/lib/outbound/queries";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session", query: eventsQuery }, async ({ db, ctx, query }) => {
  const { data, nextCursor } = await listEvents(db, ctx, { limit: query.limit, before: query.cursor, type: query.type });
  return json({ data, page: { limit: query.limit, nextCursor } });
});
