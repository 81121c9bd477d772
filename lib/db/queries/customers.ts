import { asc, eq, ilike, or, sql } from "drizzle-orm";
import { customers, invoices, payments, quotes } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
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

/**
 * Deletes a customer that nothing refers to: no invoices, payments or quotes (accounting
 * records keep their customer). Its projects and tickets stay, without a customer. Emits
 * customer.deleted in the same transaction.
 */
export async function deleteCustomer(db: DbOrTx, ctx: QueryScope, id: string): Promise<Customer> {
  if (!isCleanText(id)) throw new NotFoundError("Customer not found");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(customers).where(scoped(customers, ctx, eq(customers.id, id))).for("update");
    if (!row) throw new NotFoundError("Customer not found");
    const used = (table: typeof invoices | typeof payments | typeof quotes) =>
      sql<boolean>`exists (select 1 from ${table} where ${table.customerId} = ${id} and ${table.organisationId} = ${ctx.organisationId})`;
    const [refs] = await tx.select({ invoices: used(invoices), payments: used(payments), quotes: used(quotes) }).from(sql`(select 1) as one`);
    const blocking = Object.entries(refs ?? {}).filter(([, v]) => v).map(([k]) => k);
    if (blocking.length > 0) {
      const what = blocking.length === 1 ? blocking[0] : `${blocking.slice(0, -1).join(", ")} and ${blocking.at(-1)}`;
      throw new AccountingRuleError("customer_in_use", `${row.name} has ${what}; a customer with accounting records cannot be deleted.`);
    }
    await tx.delete(customers).where(scoped(customers, ctx, eq(customers.id, id)));
    await emit(tx, customerEvent("customer.deleted", row));
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
