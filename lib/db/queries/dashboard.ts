import { and, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { customers, invoices, payments } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { scoped, type Tenant } from "@/lib/auth/tenant";

/** A money total per currency (amounts in minor units); organisations may bill in several. */
export interface CurrencyTotal {
  currency: string;
  amount: number;
  count: number;
}

/** The dashboard's headline numbers. */
export interface DashboardSummary {
  outstanding: CurrencyTotal[];
  overdue: CurrencyTotal[];
  paidThisMonth: CurrencyTotal[];
}

/** Payments received in one calendar month (`month` is "YYYY-MM"). */
export interface MonthlyPayments {
  month: string;
  currency: string;
  amount: number;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const monthStart = (d: Date, back = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
const balance = sql<number>`coalesce(sum(${invoices.total} - ${invoices.amountPaid}), 0)`.mapWith(Number);
const count = sql<number>`count(*)`.mapWith(Number);

/**
 * Outstanding = unpaid balance of sent and overdue invoices; overdue = the part of that whose
 * due date has passed (whether or not the overdue job has flagged it yet); paid this month = sum
 * of payments dated in the current calendar month (UTC).
 */
export async function getDashboardSummary(db: DbOrTx, tenant: Tenant, now = new Date()): Promise<DashboardSummary> {
  const open = inArray(invoices.status, ["sent", "overdue"]);
  const today = isoDate(now);
  const [outstanding, overdue, paidThisMonth] = await Promise.all([
    db
      .select({ currency: invoices.currency, amount: balance, count })
      .from(invoices)
      .where(scoped(invoices, tenant, open))
      .groupBy(invoices.currency),
    db
      .select({ currency: invoices.currency, amount: balance, count })
      .from(invoices)
      .where(scoped(invoices, tenant, or(eq(invoices.status, "overdue"), and(eq(invoices.status, "sent"), lt(invoices.dueDate, today)))))
      .groupBy(invoices.currency),
    db
      .select({
        currency: payments.currency,
        amount: sql<number>`coalesce(sum(${payments.amount}), 0)`.mapWith(Number),
        count,
      })
      .from(payments)
      .where(scoped(payments, tenant, gte(payments.paidAt, isoDate(monthStart(now)))))
      .groupBy(payments.currency),
  ]);
  return { outstanding, overdue, paidThisMonth };
}

/** Payments per month for the last `months` months including the current one, oldest first, zero-filled. */
export async function getPaymentsByMonth(db: DbOrTx, tenant: Tenant, months = 6, now = new Date()): Promise<MonthlyPayments[]> {
  const from = monthStart(now, months - 1);
  const month = sql<string>`to_char(${payments.paidAt}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, currency: payments.currency, amount: sql<number>`sum(${payments.amount})`.mapWith(Number) })
    .from(payments)
    .where(scoped(payments, tenant, gte(payments.paidAt, isoDate(from))))
    .groupBy(month, payments.currency);
  const currencies = [...new Set(rows.map((r) => r.currency))];
  if (currencies.length === 0) currencies.push("USD");
  const result: MonthlyPayments[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const key = monthStart(now, i).toISOString().slice(0, 7);
    for (const currency of currencies) {
      result.push({ month: key, currency, amount: rows.find((r) => r.month === key && r.currency === currency)?.amount ?? 0 });
    }
  }
  return result;
}

/** The latest invoices with their customer's name. */
export async function getRecentInvoices(db: DbOrTx, tenant: Tenant, limit = 5) {
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      total: invoices.total,
      amountPaid: invoices.amountPaid,
      currency: invoices.currency,
      dueDate: invoices.dueDate,
      customerName: customers.name,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(scoped(invoices, tenant))
    .orderBy(desc(invoices.issueDate), desc(invoices.number))
    .limit(limit);
}
