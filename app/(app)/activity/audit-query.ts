import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog } from "@/drizzle/schema";
import { providerIds } from "@/integrations";
import { auditActions } from "@/lib/audit";
import type { AuditEntry } from "@/lib/audit";
import { scoped, type Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** Entries per Activity page. */
export const ACTIVITY_PAGE_SIZE = 25;

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(firstValue, z.enum(values).optional().catch(undefined));

/**
 * The Activity page's URL query: action and provider filters and a page number. Unknown values
 * are dropped (a hand-edited URL shows everything rather than an error).
 */
export const activityQuerySchema = z.object({
  action: optionalEnum(auditActions),
  provider: optionalEnum(providerIds as unknown as readonly [string, ...string[]]),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(10_000).catch(1)).default(1),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

/**
 * One page of the organisation's audit log, newest first, with the total for the pager. Scoped
 * through scoped() so entries of other organisations (and system-wide ones) never appear.
 */
export async function listActivity(
  db: DbOrTx,
  tenant: Pick<Tenant, "organisationId">,
  query: ActivityQuery,
  pageSize = ACTIVITY_PAGE_SIZE,
): Promise<{ entries: AuditEntry[]; total: number; offset: number }> {
  const where = scoped(
    auditLog,
    tenant,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.provider ? eq(auditLog.provider, query.provider) : undefined,
  );
  const offset = (query.page - 1) * pageSize;
  const [entries, [totalRow]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(pageSize).offset(offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { entries, total: Number(totalRow?.n ?? 0), offset };
}
