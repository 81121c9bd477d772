import { z } from "zod";
import {
  invoiceCreateSchema, invoiceListQuerySchema, invoiceUpdateSchema, PAYMENT_REVERSALS, paymentCreateSchema,
} from "@/lib/accounting/schemas";
import { INVOICE_STATUSES } from "@/lib/accounting/status";
import { balanceDue } from "@/lib/accounting/totals";
import type { Invoice, InvoiceDetail, InvoiceListRow } from "@/lib/db/queries/invoices";
import type { Payment } from "@/lib/db/queries/payments";
import { itemOf, listOf, registerSchema, timestampSchema } from "./registry";

export const invoiceCreateRequest = registerSchema(invoiceCreateSchema, { id: "InvoiceCreate", io: "input" });
export const invoiceListQuery = registerSchema(invoiceListQuerySchema, { id: "InvoiceListQuery", io: "input" });
export const paymentCreateRequest = registerSchema(paymentCreateSchema, { id: "PaymentCreate", io: "input" });

/**
 * PATCH /api/invoices/{id}: field edits (see invoiceUpdateSchema) and/or a status move. Edits are
 * applied before the move; updateInvoice re-checks the edits with invoiceUpdateSchema's rules.
 */
export const invoicePatchRequest = registerSchema(
  z.object({ ...invoiceUpdateSchema.shape, status: z.enum(["sent", "void"]).optional() }),
  { id: "InvoicePatch", io: "input" },
);

const money = z.number().int().describe("minor units (cents)");

export const invoiceLineDto = registerSchema(
  z.object({
    id: z.string(),
    description: z.string(),
    quantity: z.number(),
    unitPrice: money,
    amount: money,
    taxAmount: money,
    taxRateId: z.string().nullable(),
    taxRateName: z.string().nullable(),
    taxRateBps: z.number().int().nullable(),
    productId: z.string().nullable(),
    position: z.number().int(),
  }),
  { id: "InvoiceLine", io: "output" },
);
export type InvoiceLineDto = z.infer<typeof invoiceLineDto>;

export const paymentDto = registerSchema(
  z.object({
    id: z.string(),
    invoiceId: z.string().nullable(),
    amount: money,
    currency: z.string(),
    method: z.string(),
    reference: z.string().nullable(),
    paidAt: z.iso.date(),
    /** `failed` and `refunded` payments no longer count towards the invoice. */
    status: z.enum(["received", ...PAYMENT_REVERSALS]),
    createdAt: timestampSchema,
  }),
  { id: "Payment", io: "output" },
);
export type PaymentDto = z.infer<typeof paymentDto>;

export const invoiceSummaryDto = registerSchema(
  z.object({
    id: z.string(),
    number: z.string(),
    status: z.enum(INVOICE_STATUSES),
    customerId: z.string(),
    customerName: z.string().optional(),
    currency: z.string(),
    issueDate: z.iso.date(),
    dueDate: z.iso.date(),
    subtotal: money,
    taxTotal: money,
    total: money,
    amountPaid: money,
    balanceDue: money,
    notes: z.string().nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  }),
  { id: "InvoiceSummary", io: "output" },
);
export type InvoiceSummaryDto = z.infer<typeof invoiceSummaryDto>;

export const invoiceDto = registerSchema(
  invoiceSummaryDto.extend({ customerName: z.string(), lines: z.array(invoiceLineDto), payments: z.array(paymentDto) }),
  { id: "Invoice", io: "output" },
);
export type InvoiceDto = z.infer<typeof invoiceDto>;

export const invoiceResponse = registerSchema(itemOf(invoiceDto), { id: "InvoiceResponse", io: "output" });
export const invoiceListResponse = registerSchema(listOf(invoiceSummaryDto), { id: "InvoiceList", io: "output" });
export const paymentListResponse = registerSchema(listOf(paymentDto), { id: "PaymentList", io: "output" });
export const paymentCreatedResponse = registerSchema(
  itemOf(z.object({ payment: paymentDto, invoice: invoiceSummaryDto })),
  { id: "PaymentCreated", io: "output" },
);

/** The public fields of an invoice row; `customerName` when the row has it (lists). */
export function toInvoiceSummaryDto(i: Invoice | InvoiceListRow): InvoiceSummaryDto {
  return {
    id: i.id,
    number: i.number,
    status: i.status,
    customerId: i.customerId,
    ...("customerName" in i ? { customerName: i.customerName } : {}),
    currency: i.currency,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    subtotal: i.subtotal,
    taxTotal: i.taxTotal,
    total: i.total,
    amountPaid: i.amountPaid,
    balanceDue: balanceDue(i),
    notes: i.notes,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function toPaymentDto(p: Payment): PaymentDto {
  return {
    id: p.id,
    invoiceId: p.invoiceId,
    amount: p.amount,
    currency: p.currency,
    method: p.method,
    reference: p.reference,
    paidAt: p.paidAt,
    status: p.status as PaymentDto["status"],
    createdAt: p.createdAt.toISOString(),
  };
}

export function toInvoiceLineDto(l: InvoiceDetail["lines"][number]): InvoiceLineDto {
  return {
    id: l.id,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    amount: l.amount,
    taxAmount: l.taxAmount,
    taxRateId: l.taxRateId,
    taxRateName: l.taxRateName,
    taxRateBps: l.taxRateBps,
    productId: l.productId,
    position: l.position,
  };
}

/** An invoice with its lines and payments, as its page and the API show it. */
export function toInvoiceDto(i: InvoiceDetail): InvoiceDto {
  return {
    ...toInvoiceSummaryDto(i),
    customerName: i.customerName,
    lines: i.lines.map(toInvoiceLineDto),
    payments: i.payments.map(toPaymentDto),
  };
}
