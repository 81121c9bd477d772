import { z } from "zod";
import { isoDateField, limitText, optionalText, text } from "./fields";
import { LIMITS } from "./limits";
import { fieldMessage as m } from "./messages";
import { minorDigits, parseMoney } from "./money";
import { checkLineAmounts, PAYMENT_METHODS } from "./schemas";

/**
 * Schemas of the screens' forms: people type "12.50" and "1.5", the domain wants minor units
 * and numbers. Each transforms into the input of the matching query, with the same field
 * paths, so errors from either layer land under the same field. Money is parsed with the
 * invoice's currency (JPY "12,000" → 12000, BHD "1.005" → 1005), so the schemas are built per
 * currency.
 */

/**
 * Typed money in `currency` → minor units, from 0 to `maxMinor`, with at most the currency's
 * decimals; messages name the field and the limit ("Unit price must be at most 99,999,999.99").
 */
export function moneyText(field: string, currency: string, maxMinor: number = LIMITS.amountMaxMinor) {
  return z
    .string()
    .trim()
    .min(1, m.required(field))
    .transform((v, ctx) => {
      const plain = v.replace(/[,\s]/g, "");
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(plain)) {
        ctx.addIssue({ code: "custom", message: m.number(field) });
        return z.NEVER;
      }
      if (plain.startsWith("-")) {
        ctx.addIssue({ code: "custom", message: m.notNegative(field) });
        return z.NEVER;
      }
      const minor = parseMoney(plain, currency);
      if (minor === null) {
        // Either too many decimals or too many digits to hold exactly.
        const digits = minorDigits(currency);
        const tooPrecise = (plain.split(".")[1]?.length ?? 0) > digits;
        ctx.addIssue({ code: "custom", message: tooPrecise ? m.decimals(field, digits) : m.atMost(field, limitText(maxMinor, currency)) });
        return z.NEVER;
      }
      if (minor > maxMinor) {
        ctx.addIssue({ code: "custom", message: m.atMost(field, limitText(maxMinor, currency)) });
        return z.NEVER;
      }
      return minor;
    });
}

/** Typed quantity: a number greater than 0, at most 1,000,000, with at most 4 decimals. */
export const quantityText = z
  .string()
  .trim()
  .min(1, m.required("Quantity"))
  .transform((v, ctx) => {
    const plain = v.replace(/,/g, "");
    const n = Number(plain);
    if (!/^-?(\d+\.?\d*|\.\d+)$/.test(plain) || !Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: m.number("Quantity") });
    } else if (n <= 0) {
      ctx.addIssue({ code: "custom", message: m.greaterThanZero("Quantity") });
    } else if (n > LIMITS.quantityMax) {
      ctx.addIssue({ code: "custom", message: m.atMost("Quantity", LIMITS.quantityMax.toLocaleString("en-US")) });
    } else if ((plain.split(".")[1]?.length ?? 0) > LIMITS.quantityDecimals) {
      ctx.addIssue({ code: "custom", message: m.decimals("Quantity", LIMITS.quantityDecimals) });
    } else {
      return n;
    }
    return z.NEVER;
  });

/** One line as the invoice editor holds it (all text), prices in `currency`. */
export function invoiceLineFormSchema(currency: string) {
  return z.object({
    description: text("Description", 500),
    quantity: quantityText,
    unitPrice: moneyText("Unit price", currency, LIMITS.unitPriceMaxMinor),
    taxRateId: z.string().max(100).optional().transform((v) => v || null),
  });
}

/** The invoice editor's state as sent to the save action, for an invoice in `currency`. */
export function invoiceFormSchema(currency: string) {
  return z.object({
    customerId: z.string().min(1, m.choose("Customer")).max(100),
    issueDate: isoDateField("Issue date"),
    dueDate: isoDateField("Due date"),
    notes: optionalText("Notes", 2000),
    lines: z
      .array(invoiceLineFormSchema(currency))
      .min(1, m.tooFew("Invoice", 1, "line"))
      .max(LIMITS.linesMax, m.tooMany("Invoice", LIMITS.linesMax, "lines"))
      .superRefine((lines, ctx) => checkLineAmounts(lines, ctx, limitText(LIMITS.amountMaxMinor, currency), [])),
    send: z.boolean().default(false),
  });
}
/** What the invoice editor sends (all text). */
export type InvoiceFormInput = z.input<ReturnType<typeof invoiceFormSchema>>;

/** The record-payment dialog's fields (FormData text), amounts in `currency`. */
export function paymentFormSchema(currency: string) {
  return z.object({
    amount: moneyText("Amount", currency).refine((v) => v > 0, m.greaterThanZero("Amount")),
    paidAt: isoDateField("Payment date"),
    method: z.enum(PAYMENT_METHODS, { error: `Method must be one of ${PAYMENT_METHODS.join(", ")}` }),
    reference: optionalText("Reference", 200),
  });
}
