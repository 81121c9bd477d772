import { asc, eq, ilike, or } from "drizzle-orm";
import { customers } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { isCleanText } from "@/lib/accounting/fields";
import {
  customerCreateSchema, customerUpdateSchema, listQuerySchema,
  type CustomerCreateInput, type CustomerUpdateInput, type ListQuery, type Page,
} from "@/lib/accounting/schemas";
import { customerEvent } from "@/lib/events/accounting";
import { emit } from "@/lib/events/emit";
import { countWhere, likePattern } from "./pagination";

/** A customer row as the app reads it. */
export type Customer = typeof customers.$inferSelect;

/** Customers of the caller's organisation, searched by name or email, ordered by name. */
export async function listCustomers(db: DbOrTx, ctx: QueryScope, query: ListQuery = {}): Promise<Page<Customer>> {
  const { q, limit, offset } = listQuerySchema.parse(query);
  const where = scoped(
    customers,
    ctx,
    q ? or(ilike(customers.name, likePattern(q)), ilike(customers.email, likePattern(q))) : undefined,
  );
  const [rows, total] = await Promise.all([
    db.select().from(customers).where(where).orderBy(asc(customers.name), asc(customers.id)).limit(limit).offset(offset),
    countWhere(db, customers, where),
  ]);
  return { rows, total, limit, offset };
}

/** One customer; NotFoundError when it does not exist in the caller's organisation. */
export async function getCustomer(db: DbOrTx, ctx: QueryScope, id: string): Promise<Customer> {
  // An id with NUL or a lone surrogate cannot be sent to Postgres; it names no customer.
  if (!isCleanText(id)) throw new NotFoundError("Customer not found");
  const [row] = await db.select().from(customers).where(scoped(customers, ctx, eq(customers.id, id)));
  if (!row) throw new NotFoundError("Customer not found");
  return row;
}

export async function createCustomer(db: DbOrTx, ctx: QueryScope, input: CustomerCreateInput): Promise<Customer> {
  const data = customerCreateSchema.parse(input);
  // The change and its event commit together (a savepoint when the caller passes a transaction).
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ ...data, organisationId: ctx.organisationId }).returning();
    await emit(tx, customerEvent("customer.created", row!));
    return row!;
  });
}

export async function updateCustomer(
  db: DbOrTx, ctx: QueryScope, id: string, input: CustomerUpdateInput,
): Promise<Customer> {
  const data = customerUpdateSchema.parse(input);
  // Absent keys must stay untouched, not be written as NULL.
  const patch = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  if (Object.keys(patch).length === 0) return getCustomer(db, ctx, id);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(customers)
      .set(patch)
      .where(scoped(customers, ctx, eq(customers.id, id)))
      .returning();
    if (!row) throw new NotFoundError("Customer not found");
    await emit(tx, customerEvent("customer.updated", row));
    return row;
  });
}

/** Id/name pairs for pickers (the invoice form's customer select). */
export async function customerOptions(db: DbOrTx, ctx: QueryScope, limit = 500) {
  return db
    .select({ id: customers.id, name: customers.name, currency: customers.currency })
    .from(customers)
    .where(scoped(customers, ctx))
    .orderBy(asc(customers.name))
    .limit(limit);
}
