import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { accountTypeEnum, ledgerAccounts } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** An account of the chart of accounts. */
export type LedgerAccount = typeof ledgerAccounts.$inferSelect;

export const ledgerAccountCreateSchema = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(200),
  type: z.enum(accountTypeEnum.enumValues),
});

/** The chart of accounts, ordered by code. */
export async function listLedgerAccounts(db: DbOrTx, ctx: QueryScope): Promise<LedgerAccount[]> {
  return db.select().from(ledgerAccounts).where(scoped(ledgerAccounts, ctx)).orderBy(asc(ledgerAccounts.code));
}

export async function getLedgerAccount(db: DbOrTx, ctx: QueryScope, id: string): Promise<LedgerAccount> {
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(scoped(ledgerAccounts, ctx, eq(ledgerAccounts.id, id)));
  if (!row) throw new NotFoundError("Account not found");
  return row;
}

/** Creates accounts in one insert; an existing code of the organisation is left as it is. */
export async function upsertLedgerAccounts(
  db: DbOrTx, ctx: QueryScope, input: z.input<typeof ledgerAccountCreateSchema>[],
): Promise<void> {
  const rows = z.array(ledgerAccountCreateSchema).parse(input);
  if (rows.length === 0) return;
  await db
    .insert(ledgerAccounts)
    .values(rows.map((r) => ({ ...r, organisationId: ctx.organisationId })))
    .onConflictDoNothing({ target: [ledgerAccounts.organisationId, ledgerAccounts.code] });
}
