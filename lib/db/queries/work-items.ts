import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { customers } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { isCleanText } from "@/lib/accounting/fields";

/** Paging of the projects, tickets and quotes lists (newest first; no search yet). */
export const workListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type WorkListQuery = z.input<typeof workListQuerySchema>;

/**
 * Adds `customerName` to a page of work items with one query for all their customers (null
 * when an item names none).
 */
export async function withCustomerNames<T extends { customerId: string | null }>(
  db: DbOrTx, ctx: QueryScope, rows: T[],
): Promise<(T & { customerName: string | null })[]> {
  const ids = [...new Set(rows.map((r) => r.customerId).filter((id): id is string => id !== null))];
  const names = ids.length === 0
    ? []
    : await db.select({ id: customers.id, name: customers.name }).from(customers).where(scoped(customers, ctx, inArray(customers.id, ids)));
  const byId = new Map(names.map((c) => [c.id, c.name]));
  return rows.map((r) => ({ ...r, customerName: r.customerId ? byId.get(r.customerId) ?? null : null }));
}

/**
 * The customer a work item names, checked to belong to the caller's organisation (a refusal
 * under `customerId` otherwise); null when none is named.
 */
export async function ownCustomer(db: DbOrTx, ctx: QueryScope, customerId: string | null | undefined) {
  if (!customerId) return null;
  const [row] = isCleanText(customerId)
    ? await db.select({ id: customers.id, currency: customers.currency }).from(customers).where(scoped(customers, ctx, eq(customers.id, customerId)))
    : [];
  if (!row) throw new AccountingRuleError("invalid_reference", "Choose one of your customers.", "customerId");
  return row;
}
