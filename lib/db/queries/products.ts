import { asc, eq, ilike, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { products } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { currencyCode, listQuerySchema, minorUnits, type ListQuery, type Page } from "@/lib/accounting/schemas";
import { countWhere, likePattern } from "./pagination";

/** A product or service that invoice lines can reference. */
export type Product = typeof products.$inferSelect;

export const productCreateSchema = z.object({
  name: z.string().trim().min(1, "Name the product.").max(200),
  sku: z.string().trim().max(100).nullish(),
  description: z.string().trim().max(2000).nullish(),
  unitPrice: minorUnits.min(0),
  currency: currencyCode.default("USD"),
});

export async function listProducts(db: DbOrTx, ctx: QueryScope, query: ListQuery = {}): Promise<Page<Product>> {
  const { q, limit, offset } = listQuerySchema.parse(query);
  const where = scoped(
    products,
    ctx,
    q ? or(ilike(products.name, likePattern(q)), ilike(products.sku, likePattern(q))) : undefined,
  );
  const [rows, total] = await Promise.all([
    db.select().from(products).where(where).orderBy(asc(products.name), asc(products.id)).limit(limit).offset(offset),
    countWhere(db, products, where),
  ]);
  return { rows, total, limit, offset };
}

export async function getProduct(db: DbOrTx, ctx: QueryScope, id: string): Promise<Product> {
  const [row] = await db.select().from(products).where(scoped(products, ctx, eq(products.id, id)));
  if (!row) throw new NotFoundError("Product not found");
  return row;
}

/** Which of `ids` are products of the caller's organisation. */
export async function ownedProductIds(db: DbOrTx, ctx: QueryScope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(scoped(products, ctx, inArray(products.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function createProduct(db: DbOrTx, ctx: QueryScope, input: z.input<typeof productCreateSchema>) {
  const data = productCreateSchema.parse(input);
  const [row] = await db.insert(products).values({ ...data, organisationId: ctx.organisationId }).returning();
  return row!;
}
