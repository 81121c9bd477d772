import { desc, eq, ilike } from "drizzle-orm";
import { z } from "zod";
import { expenses } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import {
  currencyCode, isoDate, listQuerySchema, minorUnits, type ListQuery, type Page,
} from "@/lib/accounting/schemas";
import { getLedgerAccount } from "./ledger-accounts";
import { countWhere, likePattern } from "./pagination";

/** A spend record, optionally booked to a ledger account. */
export type Expense = typeof expenses.$inferSelect;

export const expenseCreateSchema = z.object({
  vendor: z.string().trim().min(1, "Name the vendor.").max(200),
  description: z.string().trim().max(2000).nullish(),
  amount: minorUnits.positive(),
  currency: currencyCode.default("USD"),
  spentAt: isoDate,
  accountId: z.string().min(1).nullish(),
});

export async function listExpenses(db: DbOrTx, ctx: QueryScope, query: ListQuery = {}): Promise<Page<Expense>> {
  const { q, limit, offset } = listQuerySchema.parse(query);
  const where = scoped(expenses, ctx, q ? ilike(expenses.vendor, likePattern(q)) : undefined);
  const [rows, total] = await Promise.all([
    db.select().from(expenses).where(where).orderBy(desc(expenses.spentAt), desc(expenses.id)).limit(limit).offset(offset),
    countWhere(db, expenses, where),
  ]);
  return { rows, total, limit, offset };
}

export async function getExpense(db: DbOrTx, ctx: QueryScope, id: string): Promise<Expense> {
  const [row] = await db.select().from(expenses).where(scoped(expenses, ctx, eq(expenses.id, id)));
  if (!row) throw new NotFoundError("Expense not found");
  return row;
}

export async function createExpense(db: DbOrTx, ctx: QueryScope, input: z.input<typeof expenseCreateSchema>) {
  const data = expenseCreateSchema.parse(input);
  // The account must belong to the same organisation (NotFoundError otherwise).
  if (data.accountId) await getLedgerAccount(db, ctx, data.accountId);
  const [row] = await db.insert(expenses).values({ ...data, organisationId: ctx.organisationId }).returning();
  return row!;
}
