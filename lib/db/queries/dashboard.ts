import { and, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { customers, invoices, payments } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { QueryScope } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import { monthStart, todayIn } from "@/lib/accounting/dates";
import { organisationTimeZone } from "./organisations";

/** Payments that count: a failed or refunded payment is no longer money received. */
const received = eq(payments.status, "received");

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

const balance = sql<number>`coalesce(sum(${invoices.total} - ${invoices.amountPaid}), 0)`.mapWith(Number);
const count = sql<number>`count(*)`.mapWith(Number);

/**
 * Outstanding = unpaid balance of sent and overdue invoices; overdue = the part of that whose
 * due date has passed (whether or not the overdue job has flagged it yet); paid this month = sum
 * of payments dated in the current calendar month. "Today" and the month are the organisation's
 * (its time zone setting; read when `timeZone` is not given), not UTC's.
 */
export async function getDashboardSummary(
  db: DbOrTx, ctx: QueryScope, now = new Date(), timeZone?: string,
): Promise<DashboardSummary> {
  const open = inArray(invoices.status, ["sent", "overdue"]);
  const today = todayIn(timeZone ?? (await organisationTimeZone(db, ctx)), now);
  const [outstanding, overdue, paidThisMonth] = await Promise.all([
    db
      .select({ currency: invoices.currency, amount: balance, count })
      .from(invoices)
      .where(scoped(invoices, ctx, open))
      .groupBy(invoices.currency),
    db
      .select({ currency: invoices.currency, amount: balance, count })
      .from(invoices)
      .where(scoped(invoices, ctx, or(eq(invoices.status, "overdue"), and(eq(invoices.status, "sent"), lt(invoices.dueDate, today)))))
      .groupBy(invoices.currency),
    db
      .select({
        currency: payments.currency,
        amount: sql<number>`coalesce(sum(${payments.amount}), 0)`.mapWith(Number),
        count,
      })
      .from(payments)
      .where(scoped(payments, ctx, received, gte(payments.paidAt, monthStart(today)), lt(payments.paidAt, monthStart(today, -1))))
      .groupBy(payments.currency),
  ]);
  return { outstanding, overdue, paidThisMonth };
}

/**
 * Payments per month for the last `months` months including the organisation's current one,
 * oldest first, zero-filled.
 */
export async function getPaymentsByMonth(
  db: DbOrTx, ctx: QueryScope, months = 6, now = new Date(), timeZone?: string,
): Promise<MonthlyPayments[]> {
  const today = todayIn(timeZone ?? (await organisationTimeZone(db, ctx)), now);
  const month = sql<string>`to_char(${payments.paidAt}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, currency: payments.currency, amount: sql<number>`sum(${payments.amount})`.mapWith(Number) })
    .from(payments)
    .where(scoped(payments, ctx, received, gte(payments.paidAt, monthStart(today, months - 1)), lt(payments.paidAt, monthStart(today, -1))))
    .groupBy(month, payments.currency);
  const currencies = [...new Set(rows.map((r) => r.currency))];
  if (currencies.length === 0) currencies.push("USD");
  const result: MonthlyPayments[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const key = monthStart(today, i).slice(0, 7);
    for (const currency of currencies) {
      result.push({ month: key, currency, amount: rows.find((r) => r.month === key && r.currency === currency)?.amount ?? 0 });
    }
  }
  return result;
}

/** The latest invoices with their customer's name. */
export async function getRecentInvoices(db: DbOrTx, ctx: QueryScope, limit = 5) {
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
    .where(scoped(invoices, ctx))
    .orderBy(desc(invoices.issueDate), desc(invoices.number))
    .limit(limit);
}
