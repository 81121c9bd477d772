import { z } from "zod";
import { parseMoney } from "./money";
import { PAYMENT_METHODS, isoDate } from "./schemas";

/**
 * Schemas of the screens' forms: people type "12.50" and "1.5", the domain wants minor units
 * and numbers. Each transforms into the input of the matching query, with the same field
 * paths, so errors from either layer land under the same field.
 */

/** Typed money → minor units; refuses more decimals than cents and negatives. */
export const moneyText = z
  .string()
  .trim()
  .min(1, "Enter an amount.")
  .transform((v, ctx) => {
    const minor = parseMoney(v);
    if (minor === null || minor < 0) {
      ctx.addIssue({ code: "custom", message: "Enter an amount like 12.50." });
      return z.NEVER;
    }
    return minor;
  });

const quantityText = z
  .string()
  .trim()
  .min(1, "Enter a quantity.")
  .transform((v, ctx) => {
    const n = Number(v.replace(/,/g, ""));
    if (!Number.isFinite(n) || !/^\d*\.?\d{0,4}$/.test(v.replace(/,/g, ""))) {
      ctx.addIssue({ code: "custom", message: "Enter a number with at most 4 decimals." });
      return z.NEVER;
    }
    return n;
  });

/** One line as the invoice editor holds it (all text). */
export const invoiceLineFormSchema = z.object({
  description: z.string(),
  quantity: quantityText,
  unitPrice: moneyText,
  taxRateId: z.string().optional().transform((v) => v || null),
});
/** The invoice editor's state as sent to the save action. */
export const invoiceFormSchema = z.object({
  customerId: z.string().min(1, "Choose a customer."),
  issueDate: isoDate,
  dueDate: isoDate,
  notes: z.string().optional(),
  lines: z.array(invoiceLineFormSchema).min(1, "Add at least one line."),
  send: z.boolean().default(false),
});
export type InvoiceFormInput = z.input<typeof invoiceFormSchema>;

/** The record-payment dialog's fields (FormData text). */
export const paymentFormSchema = z.object({
  amount: moneyText.refine((m) => m > 0, "Enter an amount more than 0."),
  paidAt: isoDate,
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().optional(),
});
