// GET /api/notices — the organisation's in-app notices (e.g. a webhook endpoint was disabled), unread first, as { data }
import { listNotices } from "@/lib/outbound/notices";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session" }, async ({ db, ctx }) => {
  const rows = await listNotices(db, ctx);
  return json({
    data: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
  });
});
