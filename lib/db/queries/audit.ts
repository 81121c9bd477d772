import { and, desc, eq, lt, or } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** An audit entry as stored. */
export type AuditEntry = typeof auditLog.$inferSelect;

export async function insertAuditEntry(db: DbOrTx, entry: typeof auditLog.$inferInsert): Promise<AuditEntry> {
  const [row] = await db.insert(auditLog).values(entry).returning();
  return row!;
}

/** Appends several entries in one INSERT. */
export async function insertAuditEntries(db: DbOrTx, entries: (typeof auditLog.$inferInsert)[]): Promise<void> {
  if (entries.length) await db.insert(auditLog).values(entries);
}

/** Where a page of entries ends: the last entry's time and id (ties on time are broken by id). */
export interface AuditCursor {
  createdAt: Date;
  id: string;
}

/**
 * The organisation's audit log, newest first, optionally of one provider or one connection.
 * `before` pages backwards (a Date, or the previous page's last entry as a cursor).
 */
export async function listAuditEntries(
  db: DbOrTx,
  ctx: Pick<AccessContext, "organisationId">,
  opts: { limit?: number; provider?: string; connectionId?: string; before?: Date | AuditCursor } = {},
): Promise<AuditEntry[]> {
  const before = opts.before instanceof Date ? { createdAt: opts.before, id: undefined } : opts.before;
  const page = before
    ? before.id
      ? or(lt(auditLog.createdAt, before.createdAt), and(eq(auditLog.createdAt, before.createdAt), lt(auditLog.id, before.id)))
      : lt(auditLog.createdAt, before.createdAt)
    : undefined;
  return db
    .select()
    .from(auditLog)
    .where(scoped(
      auditLog, ctx,
      opts.provider ? eq(auditLog.provider, opts.provider) : undefined,
      opts.connectionId ? eq(auditLog.connectionId, opts.connectionId) : undefined,
      page,
    ))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(Math.min(Math.max(opts.limit ?? 50, 1), 200));
}

/** System-wide entries (no organisation), e.g. key rotation; for operators, not tenants. */
export async function listSystemAuditEntries(db: DbOrTx, action: string, limit = 20): Promise<AuditEntry[]> {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action))).orderBy(desc(auditLog.createdAt)).limit(limit);
}
