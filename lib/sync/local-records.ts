import { and, asc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { customers, expenses, invoiceCounters, invoiceLines, invoices, payments, products, syncLinks } from "@/drizzle/schema";
import { parseInvoiceNumber } from "@/lib/accounting/numbering";
import type { DbOrTx } from "@/lib/db/client";
import { customerEvent, invoiceEvent, paymentEvent } from "@/lib/events/accounting";
import { emitAll } from "@/lib/events/emit";
import type { EmitInput } from "@/lib/events/emit";
import type { EventType } from "@/lib/events/catalog";
import { bulkInsert, inList } from "@/lib/db/bulk";
import { PULL_ONLY_ENTITIES, PUSH_ONLY_ENTITIES, type SyncEntity } from "./fields";
import { countPendingPayments, pendingPaymentIds } from "./payments-push";

/**
 * The app's side of sync: local customers and invoices read in the mapped shape and written in
 * batches (one INSERT … ON CONFLICT per table per page, never a query per record), each write
 * with its outbox event in the caller's transaction.
 */
export type LocalRecord = Record<string, unknown>;
export type LocalRow = { id: string; updatedAt: Date; record: LocalRecord };

type LineRow = typeof invoiceLines.$inferSelect;
const lineShape = (l: LineRow) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount, taxAmount: l.taxAmount });
const customerShape = (c: typeof customers.$inferSelect): LocalRecord => ({
  name: c.name, email: c.email, phone: c.phone, address: c.address, taxNumber: c.taxNumber, currency: c.currency,
});
const productShape = (p: typeof products.$inferSelect): LocalRecord => ({
  name: p.name, sku: p.sku, description: p.description, unitPrice: p.unitPrice, currency: p.currency,
});
const paymentShape = (p: typeof payments.$inferSelect): LocalRecord => ({
  invoiceId: p.invoiceId, customerId: p.customerId, amount: p.amount, paidAt: p.paidAt, currency: p.currency, reference: p.reference,
});
const invoiceShape = (i: typeof invoices.$inferSelect, lines: LineRow[]): LocalRecord => ({
  number: i.number, customerId: i.customerId, status: i.status, currency: i.currency, issueDate: i.issueDate, dueDate: i.dueDate,
  subtotal: i.subtotal, taxTotal: i.taxTotal, total: i.total, amountPaid: i.amountPaid, notes: i.notes, lines: lines.map(lineShape),
});

async function linesOf(tx: DbOrTx, ids: string[]): Promise<Map<string, LineRow[]>> {
  const out = new Map<string, LineRow[]>();
  if (!ids.length) return out;
  const rows = await tx.select().from(invoiceLines).where(inList(invoiceLines.invoiceId, ids)).orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  for (const l of rows) out.set(l.invoiceId, [...(out.get(l.invoiceId) ?? []), l]);
  return out;
}

/** Local records by id (of the organisation), in the mapped shape. */
export async function loadLocal(tx: DbOrTx, organisationId: string, entity: SyncEntity, ids: string[]): Promise<Map<string, LocalRow>> {
  const out = new Map<string, LocalRow>();
  if (!ids.length) return out;
  if (entity === "customers") {
    const rows = await tx.select().from(customers).where(and(eq(customers.organisationId, organisationId), inList(customers.id, ids)));
    for (const c of rows) out.set(c.id, { id: c.id, updatedAt: c.updatedAt, record: customerShape(c) });
    return out;
  }
  if (entity === "expenses") {
    const rows = await tx.select().from(expenses).where(and(eq(expenses.organisationId, organisationId), inList(expenses.id, ids)));
    for (const e of rows) {
      out.set(e.id, { id: e.id, updatedAt: e.createdAt, record: { vendor: e.vendor, description: e.description, amount: e.amount, currency: e.currency, spentAt: e.spentAt } });
    }
    return out;
  }
  if (entity === "payments") {
    const rows = await tx.select().from(payments).where(and(eq(payments.organisationId, organisationId), inList(payments.id, ids)));
    for (const p of rows) out.set(p.id, { id: p.id, updatedAt: p.reversedAt ?? p.createdAt, record: paymentShape(p) });
    return out;
  }
  if (entity === "products") {
    const rows = await tx.select().from(products).where(and(eq(products.organisationId, organisationId), inList(products.id, ids)));
    for (const p of rows) out.set(p.id, { id: p.id, updatedAt: p.updatedAt, record: productShape(p) });
    return out;
  }
  const rows = await tx.select().from(invoices).where(and(eq(invoices.organisationId, organisationId), inList(invoices.id, ids)));
  const lines = await linesOf(tx, rows.map((r) => r.id));
  for (const i of rows) out.set(i.id, { id: i.id, updatedAt: i.updatedAt, record: invoiceShape(i, lines.get(i.id) ?? []) });
  return out;
}

export type LocalWrite = { id: string; isNew: boolean; record: LocalRecord };

const money = (v: unknown) => (typeof v === "number" ? v : 0);
const text = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * Creates or updates pulled records in one statement per table, stamped `updatedAt = stamp` (the
 * link rows get the same stamp as `syncedAt`, so the records are not pending a push), and emits
 * their created/updated events. Fields the mapping does not pull keep their values.
 */
export async function writeLocal(tx: DbOrTx, organisationId: string, entity: SyncEntity, writes: LocalWrite[], stamp: Date): Promise<void> {
  if (!writes.length) return;
  if (PUSH_ONLY_ENTITIES.includes(entity)) throw new Error(`${entity} are pushed only; nothing is written from the provider.`);
  const has = (w: LocalWrite, k: string) => k in w.record;
  const excluded = (table: SyncedTable, keys: string[]) => {
    const cols = getTableColumns(table) as Record<string, { name: string }>;
    return Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded."${cols[k]!.name}"`)]));
  };
  // Only the fields every write of the batch carries are overwritten on conflict.
  const common = (keys: string[]) => keys.filter((k) => writes.every((w) => has(w, k)));
  const events: EmitInput<EventType>[] = [];
  if (entity === "customers") {
    const rows = writes.map((w) => ({
      id: w.id, organisationId, name: String(w.record.name), email: text(w.record.email), phone: text(w.record.phone),
      address: text(w.record.address), taxNumber: text(w.record.taxNumber), currency: text(w.record.currency) ?? "USD", updatedAt: stamp,
    }));
    const keys = common(["name", "email", "phone", "address", "taxNumber", "currency"]);
    const saved = await tx.insert(customers).values(rows)
      .onConflictDoUpdate({ target: customers.id, set: { ...excluded(customers, keys), updatedAt: stamp }, setWhere: eq(customers.organisationId, organisationId) })
      .returning();
    const isNew = new Set(writes.filter((w) => w.isNew).map((w) => w.id));
    for (const c of saved) events.push(customerEvent(isNew.has(c.id) ? "customer.created" : "customer.updated", c));
    await emitAll(tx, events);
    return;
  }
  if (entity === "payments") {
    // A pulled payment is recorded as received (the invoice's paid amount comes with the
    // invoice's own pull); a new one emits payment.received.
    const rows = writes.map((w) => ({
      id: w.id, organisationId, invoiceId: String(w.record.invoiceId), amount: money(w.record.amount), paidAt: String(w.record.paidAt),
      currency: text(w.record.currency) ?? "USD", reference: text(w.record.reference),
    }));
    const keys = common(["invoiceId", "amount", "paidAt", "currency", "reference"]).filter((k) => k !== "currency" || writes.every((w) => text(w.record.currency)));
    const cols = getTableColumns(payments) as Record<string, { name: string }>;
    const saved = await tx.insert(payments).values(rows)
      .onConflictDoUpdate({ target: payments.id, set: Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded."${cols[k]!.name}"`)])), setWhere: eq(payments.organisationId, organisationId) })
      .returning();
    const isNew = new Set(writes.filter((w) => w.isNew).map((w) => w.id));
    await emitAll(tx, saved.filter((p) => isNew.has(p.id)).map(paymentEvent));
    return;
  }
  if (entity === "products") {
    // The event catalogue has no product events yet: products are written without one.
    const rows = writes.map((w) => ({
      id: w.id, organisationId, name: String(w.record.name), sku: text(w.record.sku), description: text(w.record.description),
      unitPrice: money(w.record.unitPrice), currency: text(w.record.currency) ?? "USD", updatedAt: stamp,
    }));
    const keys = common(["name", "sku", "description", "unitPrice", "currency"]);
    await tx.insert(products).values(rows)
      .onConflictDoUpdate({ target: products.id, set: { ...excluded(products, keys), updatedAt: stamp }, setWhere: eq(products.organisationId, organisationId) });
    return;
  }
  const rows = writes.map((w) => ({
    id: w.id, organisationId, customerId: String(w.record.customerId), number: String(w.record.number),
    status: w.record.status as typeof invoices.$inferInsert.status, currency: text(w.record.currency) ?? "USD",
    issueDate: String(w.record.issueDate), dueDate: String(w.record.dueDate), subtotal: money(w.record.subtotal),
    taxTotal: money(w.record.taxTotal), total: money(w.record.total), amountPaid: money(w.record.amountPaid), notes: text(w.record.notes), updatedAt: stamp,
  }));
  const keys = common(["customerId", "number", "status", "currency", "issueDate", "dueDate", "subtotal", "taxTotal", "total", "amountPaid", "notes"]);
  // Sent one after the other without waiting (pipelined on the transaction's connection, run by
  // Postgres in this order: the invoices before their lines); only the events wait for the rows.
  const savedInvoices = bulkInsert(tx, invoices, rows, {
    target: [invoices.id], update: keys, set: { updatedAt: sql`${stamp.toISOString()}::timestamptz` }, where: eq(invoices.organisationId, organisationId), returning: true,
  });
  // Lines are replaced as a whole for the invoices whose lines the mapping pulls (a new invoice
  // has none to remove).
  const withLines = writes.filter((w) => Array.isArray(w.record.lines));
  const replaced = withLines.filter((w) => !w.isNew).map((w) => w.id);
  const linesWritten = (async () => {
    if (replaced.length) await tx.delete(invoiceLines).where(inList(invoiceLines.invoiceId, replaced));
    if (withLines.length) {
      const lines = withLines.flatMap((w) => (w.record.lines as LocalRecord[]).map((l, position) => ({
        organisationId, invoiceId: w.id, position, description: String(l.description ?? ""), quantity: typeof l.quantity === "number" ? l.quantity : 1,
        unitPrice: money(l.unitPrice), amount: money(l.amount), taxAmount: money(l.taxAmount),
      })));
      await bulkInsert(tx, invoiceLines, lines);
    }
  })();
  // Numbers in the app's own series (INV-0042) move the organisation's counter past them, so the
  // next invoice created in the app does not take a number a pulled invoice holds.
  const highest = Math.max(0, ...rows.map((r) => parseInvoiceNumber(r.number) ?? 0));
  const counted = highest > 0
    ? tx.insert(invoiceCounters).values({ organisationId, lastNumber: highest })
      .onConflictDoUpdate({ target: invoiceCounters.organisationId, set: { lastNumber: sql`greatest(${invoiceCounters.lastNumber}, excluded.last_number)` } }).then(() => undefined)
    : Promise.resolve();
  const [saved] = await Promise.all([savedInvoices, linesWritten, counted]);
  const isNew = new Set(writes.filter((w) => w.isNew).map((w) => w.id));
  for (const i of saved) events.push(invoiceEvent(isNew.has(i.id) ? "invoice.created" : "invoice.updated", i));
  await emitAll(tx, events);
}

/** Voids local invoices (a remote delete or void under the "void" policy); never deletes them. */
export async function voidLocal(tx: DbOrTx, organisationId: string, ids: string[], stamp: Date): Promise<number> {
  if (!ids.length) return 0;
  const saved = await tx.update(invoices).set({ status: "void", updatedAt: stamp })
    .where(and(eq(invoices.organisationId, organisationId), inList(invoices.id, ids), sql`${invoices.status} <> 'void'`))
    .returning();
  await emitAll(tx, saved.map((i) => invoiceEvent("invoice.cancelled", i)));
  return saved.length;
}

/** Invoice numbers already used by other invoices of the organisation (the number is unique per organisation). */
export async function takenNumbers(tx: DbOrTx, organisationId: string, wanted: { id: string; number: string }[]): Promise<Set<string>> {
  if (!wanted.length) return new Set();
  const rows = await tx.select({ id: invoices.id, number: invoices.number }).from(invoices)
    .where(and(eq(invoices.organisationId, organisationId), inList(invoices.number, wanted.map((w) => w.number))));
  const mine = new Map(wanted.map((w) => [w.number, w.id]));
  return new Set(rows.filter((r) => mine.get(r.number) !== r.id).map((r) => r.number));
}

/**
 * A row's updated_at at the millisecond: links store it from a JS Date (milliseconds) while
 * Postgres keeps microseconds, and a row must not look newer than its own sync.
 */
type SyncedTable = typeof customers | typeof products | typeof invoices;
const tableOf = (entity: SyncEntity): SyncedTable => (entity === "customers" ? customers : entity === "products" ? products : invoices);

const msOf = (table: SyncedTable) => sql`date_trunc('milliseconds', ${table.updatedAt})`;

/** Never linked, or changed after its last sync, and not deleted at the provider. */
const pendingCondition = (table: SyncedTable) =>
  sql`(${syncLinks.id} is null or (${msOf(table)} > ${syncLinks.syncedAt} and ${syncLinks.remoteDeletedAt} is null))`;

/**
 * Local records waiting to be pushed to a connection: never linked, or changed after their last
 * sync (`updated_at > synced_at`), and not deleted at the provider. Keyset-paged by (updated_at, id).
 */
export async function pendingLocal(
  tx: DbOrTx, organisationId: string, connectionId: string, entity: SyncEntity,
  opts: { after?: { updatedAt: Date; id: string }; limit: number; onlyIds?: string[] },
): Promise<LocalRow[]> {
  if (PULL_ONLY_ENTITIES.includes(entity)) return [];
  if (entity === "expenses") return pendingExpenses(tx, organisationId, connectionId, opts);
  if (entity === "payments") {
    const pending = await pendingPaymentIds(tx, organisationId, connectionId, opts);
    const loaded = await loadLocal(tx, organisationId, entity, pending.map((p) => p.id));
    return pending.filter((p) => loaded.has(p.id)).map((p) => ({ ...loaded.get(p.id)!, record: { ...loaded.get(p.id)!.record, customerId: p.customerId } }));
  }
  const table = tableOf(entity);
  const at = msOf(table);
  const conds: SQL[] = [eq(table.organisationId, organisationId), pendingCondition(table)];
  if (opts.after) conds.push(sql`(${at}, ${table.id}) > (${opts.after.updatedAt.toISOString()}::timestamptz, ${opts.after.id})`);
  if (opts.onlyIds) conds.push(inList(table.id, opts.onlyIds));
  const rows = await tx.select({ id: table.id }).from(table)
    .leftJoin(syncLinks, and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity), eq(syncLinks.localId, table.id)))
    .where(and(...conds)).orderBy(asc(at), asc(table.id)).limit(opts.limit);
  const loaded = await loadLocal(tx, organisationId, entity, rows.map((r) => r.id));
  return rows.map((r) => loaded.get(r.id)!).filter(Boolean);
}

/** How many local records wait for a push (the status endpoint's `pending`). */
export async function countPending(tx: DbOrTx, organisationId: string, connectionId: string, entity: SyncEntity): Promise<number> {
  if (PULL_ONLY_ENTITIES.includes(entity)) return 0;
  if (entity === "payments") return countPendingPayments(tx, organisationId, connectionId);
  if (entity === "expenses") {
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(expenses)
      .leftJoin(syncLinks, and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity), eq(syncLinks.localId, expenses.id)))
      .where(and(eq(expenses.organisationId, organisationId), sql`${syncLinks.id} is null`));
    return row?.n ?? 0;
  }
  const table = tableOf(entity);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table)
    .leftJoin(syncLinks, and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity), eq(syncLinks.localId, table.id)))
    .where(and(eq(table.organisationId, organisationId), pendingCondition(table)));
  return row?.n ?? 0;
}

/** Expenses not pushed to the connection yet (entered once, never edited), keyset-paged by (created_at, id). */
async function pendingExpenses(
  tx: DbOrTx, organisationId: string, connectionId: string, opts: { after?: { updatedAt: Date; id: string }; limit: number; onlyIds?: string[] },
): Promise<LocalRow[]> {
  const at = sql`date_trunc('milliseconds', ${expenses.createdAt})`;
  const conds: SQL[] = [eq(expenses.organisationId, organisationId), sql`${syncLinks.id} is null`];
  if (opts.after) conds.push(sql`(${at}, ${expenses.id}) > (${opts.after.updatedAt.toISOString()}::timestamptz, ${opts.after.id})`);
  if (opts.onlyIds) conds.push(inList(expenses.id, opts.onlyIds));
  const rows = await tx.select({ id: expenses.id }).from(expenses)
    .leftJoin(syncLinks, and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, "expenses"), eq(syncLinks.localId, expenses.id)))
    .where(and(...conds)).orderBy(asc(at), asc(expenses.id)).limit(opts.limit);
  const loaded = await loadLocal(tx, organisationId, "expenses", rows.map((r) => r.id));
  return rows.map((r) => loaded.get(r.id)!).filter(Boolean);
}
