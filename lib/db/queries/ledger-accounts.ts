import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { accountTypeEnum, ledgerAccounts } from "@/drizzle/schema";
import { NotFoundError, scoped, type Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** An account of the chart of accounts. */
export type LedgerAccount = typeof ledgerAccounts.$inferSelect;

export const ledgerAccountCreateSchema = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(200),
  type: z.enum(accountTypeEnum.enumValues),
});

/** The chart of accounts, ordered by code. */
export async function listLedgerAccounts(db: DbOrTx, tenant: Tenant): Promise<LedgerAccount[]> {
  return db.select().from(ledgerAccounts).where(scoped(ledgerAccounts, tenant)).orderBy(asc(ledgerAccounts.code));
}

export async function getLedgerAccount(db: DbOrTx, tenant: Tenant, id: string): Promise<LedgerAccount> {
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(scoped(ledgerAccounts, tenant, eq(ledgerAccounts.id, id)));
  if (!row) throw new NotFoundError("Account not found");
  return row;
}

/** Creates accounts in one insert; an existing code of the organisation is left as it is. */
export async function upsertLedgerAccounts(
  db: DbOrTx, tenant: Tenant, input: z.input<typeof ledgerAccountCreateSchema>[],
): Promise<void> {
  const rows = z.array(ledgerAccountCreateSchema).parse(input);
  if (rows.length === 0) return;
  await db
    .insert(ledgerAccounts)
    .values(rows.map((r) => ({ ...r, organisationId: tenant.organisationId })))
    .onConflictDoNothing({ target: [ledgerAccounts.organisationId, ledgerAccounts.code] });
}
