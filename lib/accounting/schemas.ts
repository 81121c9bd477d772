import { z } from "zod";
import { currencyField, isoDateField, minorField, optionalText, text } from "./fields";
import { LIMITS } from "./limits";
import { fieldMessage as m } from "./messages";
import { INVOICE_STATUSES } from "./status";
import { computeLineExact } from "./totals";

/**
 * Domain input schemas: what the queries accept, in minor units. The API validates JSON with
 * these directly; the screens use ./form-schemas.ts, which turns typed text into these shapes.
 */

/** ISO calendar date (YYYY-MM-DD) within 1900-01-01 … 2200-12-31. */
export const isoDate = isoDateField("Date");

/** A real ISO 4217 currency code. */
export const currencyCode = currencyField();

/** A whole number of minor units within ± the documented amount limit (see ./limits.ts). */
export const minorUnits = z
  .number({ error: m.number("Amount") })
  .int(m.wholeMinorUnits("Amount"))
  .min(-LIMITS.amountMaxMinor, m.between("Amount", `-${LIMITS.amountMaxMinor.toLocaleString("en-US")}`, `${LIMITS.amountMaxMinor.toLocaleString("en-US")} minor units`))
  .max(LIMITS.amountMaxMinor, m.atMost("Amount", `${LIMITS.amountMaxMinor.toLocaleString("en-US")} minor units`));

const customerFields = z.object({
  name: text("Name", 200),
  email: z
    .union([z.literal(""), z.email(m.email("Email")).max(254, m.tooLong("Email", 254))])
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  phone: optionalText("Phone", 50),
  address: optionalText("Address", 500),
  taxNumber: optionalText("Tax number", 50),
  currency: currencyCode,
});

export const customerCreateSchema = customerFields.extend({ currency: currencyCode.default("USD") });
/** Input of createCustomer. */
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;

// Built from the fields without defaults, so a patch never resets an absent field.
export const customerUpdateSchema = customerFields.partial();
/** Input of updateCustomer: any subset of the create fields. */
export type CustomerUpdateInput = z.input<typeof customerUpdateSchema>;

/** Quantity: more than 0, at most 1,000,000, at most 4 decimals. */
export const quantity = z
  .number({ error: m.number("Quantity") })
  .positive(m.greaterThanZero("Quantity"))
  .max(LIMITS.quantityMax, m.atMost("Quantity", LIMITS.quantityMax.toLocaleString("en-US")))
  // Past the maximum the decimals are moot (and q × 10,000 may be Infinity): one message is enough.
  .refine((q) => Math.abs(q) > LIMITS.quantityMax || Math.abs(q * 10_000 - Math.round(q * 10_000)) < 1e-6, m.decimals("Quantity", LIMITS.quantityDecimals));

export const invoiceLineSchema = z.object({
  description: text("Description", 500),
  quantity,
  unitPrice: minorField("Unit price", LIMITS.unitPriceMaxMinor),
  taxRateId: z.string().min(1).max(100).nullish(),
  productId: z.string().min(1).max(100).nullish(),
});
/** One invoice line as the queries accept it (unit price in minor units). */
export type InvoiceLineInput = z.input<typeof invoiceLineSchema>;

/**
 * Refuses lines whose amount (quantity × unit price, computed exactly in bigint) or whose sum
 * passes the amount limit, under the offending line's amount or under `lines`. Tax is added
 * once the rates are known (lib/db/queries/invoice-lines.ts checks the total with tax).
 */
export function checkLineAmounts(
  lines: { quantity: number; unitPrice: number }[], ctx: z.RefinementCtx, limitText: string, path: PropertyKey[] = ["lines"],
) {
  const max = BigInt(LIMITS.amountMaxMinor);
  let subtotal = 0n;
  let lineTooLarge = false;
  lines.forEach((line, i) => {
    // zod runs this refinement even when a line's own fields failed; a quantity or price out of
    // range already has its message, and BigInt() of Infinity or a fraction would throw.
    if (!Number.isFinite(line.quantity) || Math.abs(line.quantity) > LIMITS.quantityMax || !Number.isSafeInteger(line.unitPrice)) return;
    const { amount } = computeLineExact(line);
    subtotal += amount;
    if (amount > max) {
      lineTooLarge = true;
      ctx.addIssue({ code: "custom", path: [...path, i, "quantity"], message: m.atMost("Line amount", limitText) });
    }
  });
  // The sum is only worth a message of its own when every line is within the limit.
  if (!lineTooLarge && subtotal > max) ctx.addIssue({ code: "custom", path, message: m.atMost("Invoice total", limitText) });
}

const amountLimitText = `${LIMITS.amountMaxMinor.toLocaleString("en-US")} minor units`;

const invoiceFields = {
  customerId: z.string({ error: m.choose("Customer") }).min(1, m.choose("Customer")).max(100),
  issueDate: isoDateField("Issue date"),
  dueDate: isoDateField("Due date"),
  currency: currencyCode.optional(),
  notes: optionalText("Notes", 2000),
  lines: z
    .array(invoiceLineSchema)
    .min(1, m.tooFew("Invoice", 1, "line"))
    .max(LIMITS.linesMax, m.tooMany("Invoice", LIMITS.linesMax, "lines"))
    .superRefine((lines, ctx) => checkLineAmounts(lines, ctx, amountLimitText, [])),
};

const dueNotBeforeIssue = (v: { issueDate?: string; dueDate?: string }) =>
  !v.issueDate || !v.dueDate || v.dueDate >= v.issueDate;
const dueDateIssue = { message: m.dueBeforeIssue(), path: ["dueDate"] };

export const invoiceCreateSchema = z
  .object({ ...invoiceFields, send: z.boolean().default(false) })
  .refine(dueNotBeforeIssue, dueDateIssue);
/** Input of createInvoice; `send: true` creates it as sent instead of draft. */
export type InvoiceCreateInput = z.input<typeof invoiceCreateSchema>;

export const invoiceUpdateSchema = z.object(invoiceFields).partial().refine(dueNotBeforeIssue, dueDateIssue);
/** Input of updateInvoice. Lines, customer and currency change only on drafts. */
export type InvoiceUpdateInput = z.input<typeof invoiceUpdateSchema>;

export const PAYMENT_METHODS = ["bank_transfer", "card", "cash", "cheque", "other"] as const;

export const paymentCreateSchema = z.object({
  amount: minorField("Amount").positive(m.greaterThanZero("Amount")),
  paidAt: isoDateField("Payment date"),
  method: z.enum(PAYMENT_METHODS, { error: `Method must be one of ${PAYMENT_METHODS.join(", ")}` }).default("bank_transfer"),
  reference: optionalText("Reference", 200),
});
/** Input of recordPayment (amount in minor units). */
export type PaymentCreateInput = z.input<typeof paymentCreateSchema>;

export const PAYMENT_REVERSALS = ["failed", "refunded"] as const;

/** Input of reversePayment: the payment bounced (`failed`) or was given back (`refunded`). */
export const paymentReversalSchema = z.object({
  outcome: z.enum(PAYMENT_REVERSALS, { error: `Outcome must be one of ${PAYMENT_REVERSALS.join(", ")}` }),
  reason: optionalText("Reason", 500),
});
export type PaymentReversalInput = z.input<typeof paymentReversalSchema>;

/** Query-string paging and search, coerced because query values arrive as text. */
export const listQuerySchema = z.object({
  q: optionalText("Search", 200).optional().transform((v) => v || undefined),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export const invoiceListQuerySchema = listQuerySchema.extend({
  status: z.enum(INVOICE_STATUSES).optional().or(z.literal("").transform(() => undefined)),
  customerId: text("Customer", 100).optional(),
});
export type InvoiceListQuery = z.input<typeof invoiceListQuerySchema>;

/** A page of rows with the total number of matches, for pagination controls. */
export interface Page<T> {
  rows: T[];
  total: number;
  limit: number;
  offset: number;
}
