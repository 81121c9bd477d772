"use server";

import { revalidatePath } from "next/cache";
import { requireTenant } from "@/lib/auth/session";
import { formStateForError, type AccountingFormState } from "@/lib/accounting/form-errors";
import { invoiceFormSchema, paymentFormSchema, type InvoiceFormInput } from "@/lib/accounting/form-schemas";
import { getDb } from "@/lib/db/client";
import { getCustomer } from "@/lib/db/queries/customers";
import { createInvoice, invoiceCurrency, markInvoiceSent, updateInvoice, voidInvoice } from "@/lib/db/queries/invoices";
import { recordPayment, reversePayment } from "@/lib/db/queries/payments";
import { formDataArg, idArg } from "@/lib/server-actions/args";

/** Runs a change and turns expected failures into form state; anything else is rethrown. */
async function attempt(run: () => Promise<AccountingFormState>): Promise<AccountingFormState> {
  try {
    return await run();
  } catch (err) {
    const state = formStateForError(err);
    if (!state) throw err;
    return state;
  }
}

function refresh(id?: string) {
  revalidatePath("/invoices");
  revalidatePath("/dashboard");
  if (id) revalidatePath(`/invoices/${id}`);
}

/** Creates an invoice from the editor (one transaction: number, invoice, lines). */
export async function createInvoiceAction(input: InvoiceFormInput): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  return attempt(async () => {
    const db = await getDb();
    // Prices are typed in the customer's currency (JPY has no decimals, BHD three); without a
    // customer the schema refuses the form anyway, so USD only shapes the other messages.
    const customerId = typeof input?.customerId === "string" ? input.customerId : "";
    const currency = customerId ? (await getCustomer(db, tenant, customerId)).currency : "USD";
    const data = invoiceFormSchema(currency).parse(input);
    const invoice = await createInvoice(db, tenant, data);
    refresh(invoice.id);
    return { ok: true, id: invoice.id, message: `Invoice ${invoice.number} ${data.send ? "created and sent" : "saved as draft"}.`, at: Date.now() };
  });
}

/** Saves a draft's changes from the editor (bound to the invoice id by the page). */
export async function updateInvoiceAction(id: string, input: InvoiceFormInput): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  return attempt(async () => {
    const db = await getDb();
    const { send: _send, ...data } = invoiceFormSchema(await invoiceCurrency(db, tenant, idArg(id))).parse(input);
    const invoice = await updateInvoice(db, tenant, idArg(id), data);
    refresh(id);
    return { ok: true, id: invoice.id, message: `Invoice ${invoice.number} saved.`, at: Date.now() };
  });
}

export async function markSentAction(id: string): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  return attempt(async () => {
    const invoice = await markInvoiceSent(await getDb(), tenant, idArg(id));
    refresh(id);
    return { ok: true, id, message: `Invoice ${invoice.number} marked as sent.`, at: Date.now() };
  });
}

export async function voidInvoiceAction(id: string): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  return attempt(async () => {
    const invoice = await voidInvoice(await getDb(), tenant, idArg(id));
    refresh(id);
    return { ok: true, id, message: `Invoice ${invoice.number} voided.`, at: Date.now() };
  });
}

/** Records a payment from the dialog's form (bound to the invoice id). */
export async function recordPaymentAction(id: string, _prev: AccountingFormState, form: FormData): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  const values = Object.fromEntries(["amount", "paidAt", "method", "reference"].map((k) => [k, String(formDataArg(form).get(k) ?? "")]));
  const state = await attempt(async () => {
    const db = await getDb();
    const data = paymentFormSchema(await invoiceCurrency(db, tenant, idArg(id))).parse(values);
    const { invoice } = await recordPayment(db, tenant, idArg(id), data);
    refresh(id);
    const message = invoice.status === "paid" ? `Payment recorded; invoice ${invoice.number} is paid.` : "Payment recorded.";
    return { ok: true, id, message, at: Date.now() };
  });
  return state.ok ? state : { ...state, values };
}


/**
 * Reverses a received payment of an invoice: it failed (bounced) or was refunded
 * (payment.failed / payment.refunded); the amount is owed again. Bound to the ids by the page.
 */
export async function reversePaymentAction(invoiceId: string, paymentId: string, outcome: "failed" | "refunded"): Promise<AccountingFormState> {
  const tenant = await requireTenant();
  return attempt(async () => {
    await reversePayment(await getDb(), tenant, idArg(paymentId), { outcome: idArg(outcome) as "failed" | "refunded" });
    refresh(idArg(invoiceId));
    return { ok: true, message: outcome === "refunded" ? "Payment refunded." : "Payment marked as failed.", at: Date.now() };
  });
}
