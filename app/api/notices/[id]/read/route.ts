// POST /api/notices/[id]/read — dismiss a notice for the organisation
import { noticeParamsSchema } from "@/lib/api/schemas/outbound";
import { NotFoundError } from "@/lib/auth/tenant";
import { markNoticeRead } from "@/lib/outbound/notices";
import { json, route } from "../../../_shared/route-handler";

export const POST = route({ auth: "session", params: noticeParamsSchema }, async ({ db, ctx, params }) => {
  if (!(await markNoticeRead(db, ctx, params.id))) throw new NotFoundError("Notice not found");
  return json({ data: { id: params.id, read: true } });
});
