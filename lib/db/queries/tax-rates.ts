import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { taxRates } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** A tax rate row; `rateBps` is basis points (1000 = 10%). */
export type TaxRate = typeof taxRates.$inferSelect;

export const taxRateCreateSchema = z.object({
  name: z.string().trim().min(1, "Name the tax rate.").max(100),
  rateBps: z.number().int().min(0).max(100_000, "A rate above 1000% is not plausible."),
});

export async function listTaxRates(db: DbOrTx, ctx: QueryScope): Promise<TaxRate[]> {
  return db.select().from(taxRates).where(scoped(taxRates, ctx)).orderBy(asc(taxRates.name));
}

export async function getTaxRate(db: DbOrTx, ctx: QueryScope, id: string): Promise<TaxRate> {
  const [row] = await db.select().from(taxRates).where(scoped(taxRates, ctx, eq(taxRates.id, id)));
  if (!row) throw new NotFoundError("Tax rate not found");
  return row;
}

/** The organisation's rates among `ids`, by id; ids of other organisations are simply absent. */
export async function taxRatesById(db: DbOrTx, ctx: QueryScope, ids: string[]): Promise<Map<string, TaxRate>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(taxRates).where(scoped(taxRates, ctx, inArray(taxRates.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function createTaxRate(db: DbOrTx, ctx: QueryScope, input: z.input<typeof taxRateCreateSchema>) {
  const data = taxRateCreateSchema.parse(input);
  const [row] = await db.insert(taxRates).values({ ...data, organisationId: ctx.organisationId }).returning();
  return row!;
}
