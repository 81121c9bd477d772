import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { invoices, payments, syncLinks } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Which local payments wait for a push to a connection: money received in the app (not reversed,
 * not a refund), never linked to the connection, against an invoice that is linked to it. A
 * payment on an invoice the provider does not know stays local until that invoice is linked
 * (pushed or pulled), then it is picked up. Providers do not let a payment be edited (Xero:
 * delete only), so, like expenses, a payment is pushed once; keyset-paged by (created_at, id).
 */
const paymentLinks = alias(syncLinks, "payment_links");
const invoiceLinks = alias(syncLinks, "invoice_links");
const at = sql`date_trunc('milliseconds', ${payments.createdAt})`;

/** The joins and conditions of "pending": no payment link, a live invoice link, money received. */
function pending(connectionId: string, organisationId: string, extra: SQL[]) {
  return {
    paymentLink: and(eq(paymentLinks.connectionId, connectionId), eq(paymentLinks.entity, "payments"), eq(paymentLinks.localId, payments.id)),
    invoiceLink: and(eq(invoiceLinks.connectionId, connectionId), eq(invoiceLinks.entity, "invoices"), eq(invoiceLinks.localId, payments.invoiceId)),
    where: and(
      eq(payments.organisationId, organisationId), isNull(paymentLinks.id), isNull(invoiceLinks.remoteDeletedAt),
      eq(payments.status, "received"), isNull(payments.reversedAt), gt(payments.amount, 0), ...extra,
    ),
  };
}

/**
 * The next pending payments, oldest first, each with its invoice's customer (a payment pulled from
 * another ledger carries none of its own, and QuickBooks needs the payment's customer).
 */
export async function pendingPaymentIds(
  tx: DbOrTx, organisationId: string, connectionId: string, opts: { after?: { updatedAt: Date; id: string }; limit: number; onlyIds?: string[] },
): Promise<{ id: string; customerId: string }[]> {
  const extra: SQL[] = [];
  if (opts.after) extra.push(sql`(${at}, ${payments.id}) > (${opts.after.updatedAt.toISOString()}::timestamptz, ${opts.after.id})`);
  if (opts.onlyIds) extra.push(inArray(payments.id, opts.onlyIds.length ? opts.onlyIds : ["-"]));
  const q = pending(connectionId, organisationId, extra);
  return tx.select({ id: payments.id, customerId: invoices.customerId }).from(payments).leftJoin(paymentLinks, q.paymentLink).innerJoin(invoiceLinks, q.invoiceLink)
    .innerJoin(invoices, and(eq(invoices.organisationId, organisationId), eq(invoices.id, payments.invoiceId)))
    .where(q.where).orderBy(asc(at), asc(payments.id)).limit(opts.limit);
}

/** How many payments wait for a push to the connection (the status endpoint's `pending`). */
export async function countPendingPayments(tx: DbOrTx, organisationId: string, connectionId: string): Promise<number> {
  const q = pending(connectionId, organisationId, []);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(payments).leftJoin(paymentLinks, q.paymentLink).innerJoin(invoiceLinks, q.invoiceLink).where(q.where);
  return row?.n ?? 0;
}
