import { and, desc, eq, isNull } from "drizzle-orm";
import { notices } from "@/drizzle/schema";
import type { AccessContext, QueryScope } from "@/lib/auth/access";
import { actorUserId } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

export type NoticeRow = typeof notices.$inferSelect;

/** Adds an in-app notice for an organisation, in the caller's transaction. */
export async function addNotice(db: DbOrTx, organisationId: string, n: { kind: string; title: string; body: string; link?: string }): Promise<void> {
  await db.insert(notices).values({ organisationId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null });
}

/** The organisation's notices, unread first then newest, at most `limit`. */
export function listNotices(db: DbOrTx, scope: QueryScope, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<NoticeRow[]> {
  return db.select().from(notices)
    .where(scoped(notices, scope, opts.unreadOnly ? isNull(notices.readAt) : undefined))
    .orderBy(desc(isNull(notices.readAt)), desc(notices.createdAt))
    .limit(opts.limit ?? 50);
}

/** Marks one notice read (any member may dismiss it for the organisation). Returns whether it existed. */
export async function markNoticeRead(db: DbOrTx, ctx: AccessContext, id: string): Promise<boolean> {
  const rows = await db.update(notices).set({ readAt: new Date(), readBy: actorUserId(ctx) })
    .where(and(scoped(notices, ctx, eq(notices.id, id)))).returning({ id: notices.id });
  return rows.length > 0;
}
