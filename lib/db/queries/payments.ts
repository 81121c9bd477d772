import { desc, eq } from "drizzle-orm";
import { ZodError } from "zod";
import { invoices, payments } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { AccountingRuleError } from "@/lib/accounting/errors";
import { addDays, todayIn } from "@/lib/accounting/dates";
import { isCleanText } from "@/lib/accounting/fields";
import { LIMITS } from "@/lib/accounting/limits";
import { fieldMessage } from "@/lib/accounting/messages";
import { formatMoney } from "@/lib/accounting/money";
import { paymentCreateSchema, type PaymentCreateInput } from "@/lib/accounting/schemas";
import { assertPayable } from "@/lib/accounting/status";
import { balanceDue } from "@/lib/accounting/totals";
import { invoiceEvent, paymentEvent } from "@/lib/events/accounting";
import { emitAll } from "@/lib/events/emit";
import { organisationTimeZone } from "./organisations";

/** A payment row (amount in minor units). */
export type Payment = typeof payments.$inferSelect;

/**
 * Refuses a payment date later than the organisation's today plus LIMITS.paymentFutureToleranceDays,
 * as a field error (400 through the API, a message under the date field in the form).
 */
export function assertNotFuture(paidAt: string, timeZone: string, now: Date = new Date()): void {
  const latest = addDays(todayIn(timeZone, now), LIMITS.paymentFutureToleranceDays);
  if (paidAt > latest) {
    throw new ZodError([{ code: "custom", path: ["paidAt"], input: paidAt, message: fieldMessage.paymentInFuture(latest) }]);
  }
}

/** Payments of one invoice, newest first. */
export async function paymentsOfInvoice(db: DbOrTx, ctx: QueryScope, invoiceId: string): Promise<Payment[]> {
  return db
    .select()
    .from(payments)
    .where(scoped(payments, ctx, eq(payments.invoiceId, invoiceId)))
    .orderBy(desc(payments.paidAt), desc(payments.createdAt));
}

/**
 * Records a payment against an invoice in one transaction: the invoice row is locked, the
 * amount checked against the balance, the payment inserted and the invoice's amount paid
 * raised; a full payment marks it `paid`. Overpayment, void and draft invoices are refused
 * with an AccountingRuleError and nothing is written. A payment dated after the organisation's
 * today (plus a day's tolerance) is refused under `paidAt`: money not yet received must not
 * count in "Paid this month".
 */
export async function recordPayment(
  db: DbOrTx, ctx: QueryScope, invoiceId: string, input: PaymentCreateInput, now: Date = new Date(),
): Promise<{ payment: Payment; invoice: typeof invoices.$inferSelect }> {
  const data = paymentCreateSchema.parse(input);
  if (!isCleanText(invoiceId)) throw new NotFoundError("Invoice not found");
  return db.transaction(async (tx) => {
    // The row lock makes two concurrent payments see each other's amount_paid.
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(scoped(invoices, ctx, eq(invoices.id, invoiceId)))
      .for("update");
    if (!invoice) throw new NotFoundError("Invoice not found");
    assertPayable(invoice.status);
    assertNotFuture(data.paidAt, await organisationTimeZone(tx, ctx), now);
    const balance = balanceDue(invoice);
    if (data.amount > balance) {
      throw new AccountingRuleError(
        "overpayment",
        `${formatMoney(data.amount, invoice.currency)} is more than the balance of ${formatMoney(balance, invoice.currency)}.`,
        "amount",
      );
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        organisationId: ctx.organisationId,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        amount: data.amount,
        currency: invoice.currency,
        method: data.method,
        reference: data.reference,
        paidAt: data.paidAt,
      })
      .returning();
    const amountPaid = invoice.amountPaid + data.amount;
    const [updated] = await tx
      .update(invoices)
      .set({ amountPaid, status: amountPaid >= invoice.total ? "paid" : invoice.status })
      .where(scoped(invoices, ctx, eq(invoices.id, invoice.id)))
      .returning();
    await emitAll(tx, [paymentEvent(payment!), ...(updated!.status === "paid" ? [invoiceEvent("invoice.paid", updated!)] : [])]);
    return { payment: payment!, invoice: updated! };
  });
}

/**
 * Records money returned on an invoice (a provider's refund) in one transaction: a payment row
 * with the negative amount, the invoice's amount paid lowered, a `paid` invoice back to `sent`,
 * and `invoice.updated` in the outbox. More than was paid is refused.
 */
export async function recordRefund(
  db: DbOrTx, ctx: QueryScope, invoiceId: string, input: { amount: number; paidAt: string; method: PaymentCreateInput["method"]; reference: string },
): Promise<{ payment: Payment; invoice: typeof invoices.$inferSelect }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new AccountingRuleError("invalid_refund", "A refund must be a positive amount.", "amount");
  return db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(scoped(invoices, ctx, eq(invoices.id, invoiceId))).for("update");
    if (!invoice) throw new NotFoundError("Invoice not found");
    if (input.amount > invoice.amountPaid) {
      throw new AccountingRuleError("over_refund", `${formatMoney(input.amount, invoice.currency)} is more than the ${formatMoney(invoice.amountPaid, invoice.currency)} paid.`, "amount");
    }
    const [payment] = await tx.insert(payments).values({
      organisationId: ctx.organisationId, invoiceId: invoice.id, customerId: invoice.customerId, amount: -input.amount,
      currency: invoice.currency, method: input.method ?? "card", reference: input.reference, paidAt: input.paidAt,
    }).returning();
    const amountPaid = invoice.amountPaid - input.amount;
    const [updated] = await tx.update(invoices)
      .set({ amountPaid, status: invoice.status === "paid" && amountPaid < invoice.total ? "sent" : invoice.status })
      .where(scoped(invoices, ctx, eq(invoices.id, invoice.id)))
      .returning();
    await emitAll(tx, [invoiceEvent("invoice.updated", updated!)]);
    return { payment: payment!, invoice: updated! };
  });
}
