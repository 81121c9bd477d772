import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { taxRates } from "@/drizzle/schema";
import { NotFoundError, scoped, type Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** A tax rate row; `rateBps` is basis points (1000 = 10%). */
export type TaxRate = typeof taxRates.$inferSelect;

export const taxRateCreateSchema = z.object({
  name: z.string().trim().min(1, "Name the tax rate.").max(100),
  rateBps: z.number().int().min(0).max(100_000, "A rate above 1000% is not plausible."),
});

export async function listTaxRates(db: DbOrTx, tenant: Tenant): Promise<TaxRate[]> {
  return db.select().from(taxRates).where(scoped(taxRates, tenant)).orderBy(asc(taxRates.name));
}

export async function getTaxRate(db: DbOrTx, tenant: Tenant, id: string): Promise<TaxRate> {
  const [row] = await db.select().from(taxRates).where(scoped(taxRates, tenant, eq(taxRates.id, id)));
  if (!row) throw new NotFoundError("Tax rate not found");
  return row;
}

/** The tenant's rates among `ids`, by id; ids of other organisations are simply absent. */
export async function taxRatesById(db: DbOrTx, tenant: Tenant, ids: string[]): Promise<Map<string, TaxRate>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(taxRates).where(scoped(taxRates, tenant, inArray(taxRates.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function createTaxRate(db: DbOrTx, tenant: Tenant, input: z.input<typeof taxRateCreateSchema>) {
  const data = taxRateCreateSchema.parse(input);
  const [row] = await db.insert(taxRates).values({ ...data, organisationId: tenant.organisationId }).returning();
  return row!;
}
