// GET /api/webhooks/events — the organisation's inbound webhook log, newest first, keyset-paged (?provider&type&status&connectionId&from&to&cursor&limit)
import { ApiError } from "@/lib/api/problem";
import { inboundEventListQuery } from "@/lib/api/schemas/inbound";
import { InvalidCursorError, listInboundEvents } from "@/lib/inbound/queries";
import { json, route } from "../../_shared/route-handler";

export const GET = route({ auth: "session", query: inboundEventListQuery }, async ({ db, ctx, query }) => {
  try {
    const { data, nextCursor } = await listInboundEvents(db, ctx, query);
    return json({ data, page: { limit: query.limit, nextCursor } });
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new ApiError(400, "invalid_input", err.message, [{ in: "query", path: "cursor", message: err.message }]);
    throw err;
  }
});
