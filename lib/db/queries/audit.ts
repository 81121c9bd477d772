import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import { scoped, type Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** An audit entry as stored. */
export type AuditEntry = typeof auditLog.$inferSelect;

export async function insertAuditEntry(db: DbOrTx, entry: typeof auditLog.$inferInsert): Promise<AuditEntry> {
  const [row] = await db.insert(auditLog).values(entry).returning();
  return row!;
}

/** The organisation's audit log, newest first; `before` pages backwards by creation time. */
export async function listAuditEntries(
  db: DbOrTx,
  tenant: Pick<Tenant, "organisationId">,
  opts: { limit?: number; provider?: string; before?: Date } = {},
): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(scoped(auditLog, tenant, opts.provider ? eq(auditLog.provider, opts.provider) : undefined, opts.before ? lt(auditLog.createdAt, opts.before) : undefined))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(Math.min(Math.max(opts.limit ?? 50, 1), 200));
}

/** System-wide entries (no organisation), e.g. key rotation; for operators, not tenants. */
export async function listSystemAuditEntries(db: DbOrTx, action: string, limit = 20): Promise<AuditEntry[]> {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action))).orderBy(desc(auditLog.createdAt)).limit(limit);
}
