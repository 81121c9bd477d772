import { z } from "zod";
import { INVOICE_STATUSES } from "./status";

/**
 * Domain input schemas: what the queries accept, in minor units. The API validates JSON with
 * these directly; the screens use ./form-schemas.ts, which turns typed text into these shapes.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** ISO calendar date (YYYY-MM-DD). */
export const isoDate = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Use a three-letter currency code such as USD.")
  .transform((v) => v.toUpperCase());

/** A whole number of minor units (cents). */
export const minorUnits = z.number().int("Amounts are whole minor units (cents).").safe();

const customerFields = z.object({
  name: z.string().trim().min(1, "Enter the customer's name.").max(200),
  email: z
    .union([z.literal(""), z.email("Enter a valid email address.")])
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  phone: optionalText(50),
  address: optionalText(500),
  taxNumber: optionalText(50),
  currency: currencyCode,
});

export const customerCreateSchema = customerFields.extend({ currency: currencyCode.default("USD") });
/** Input of createCustomer. */
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;

// Built from the fields without defaults, so a patch never resets an absent field.
export const customerUpdateSchema = customerFields.partial();
/** Input of updateCustomer: any subset of the create fields. */
export type CustomerUpdateInput = z.input<typeof customerUpdateSchema>;

export const invoiceLineSchema = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(500),
  quantity: z
    .number()
    .positive("Quantity must be more than 0.")
    .max(1_000_000)
    .refine((q) => Math.abs(q * 10_000 - Math.round(q * 10_000)) < 1e-6, "Use at most 4 decimals."),
  unitPrice: minorUnits.min(0, "Unit price cannot be negative.").max(1e12),
  taxRateId: z.string().min(1).nullish(),
  productId: z.string().min(1).nullish(),
});
/** One invoice line as the queries accept it (unit price in minor units). */
export type InvoiceLineInput = z.input<typeof invoiceLineSchema>;

const invoiceFields = {
  customerId: z.string().min(1, "Choose a customer."),
  issueDate: isoDate,
  dueDate: isoDate,
  currency: currencyCode.optional(),
  notes: optionalText(2000),
  lines: z.array(invoiceLineSchema).min(1, "Add at least one line.").max(200),
};

const dueNotBeforeIssue = (v: { issueDate?: string; dueDate?: string }) =>
  !v.issueDate || !v.dueDate || v.dueDate >= v.issueDate;
const dueDateIssue = { message: "The due date cannot be before the issue date.", path: ["dueDate"] };

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
  amount: minorUnits.positive("Enter an amount more than 0."),
  paidAt: isoDate,
  method: z.enum(PAYMENT_METHODS).default("bank_transfer"),
  reference: optionalText(200),
});
/** Input of recordPayment (amount in minor units). */
export type PaymentCreateInput = z.input<typeof paymentCreateSchema>;

/** Query-string paging and search, coerced because query values arrive as text. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export const invoiceListQuerySchema = listQuerySchema.extend({
  status: z.enum(INVOICE_STATUSES).optional().or(z.literal("").transform(() => undefined)),
  customerId: z.string().min(1).optional(),
});
export type InvoiceListQuery = z.input<typeof invoiceListQuerySchema>;

/** A page of rows with the total number of matches, for pagination controls. */
export interface Page<T> {
  rows: T[];
  total: number;
  limit: number;
  offset: number;
}
