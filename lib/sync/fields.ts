import { z } from "zod";

/** The entities the engine syncs, in the order a run walks them (invoices refer to customers). */
export const SYNC_ENTITIES = ["customers", "products", "invoices", "payments", "expenses"] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
export const isSyncEntity = (s: string): s is SyncEntity => (SYNC_ENTITIES as readonly string[]).includes(s);

type LocalField = { required?: boolean };

/** The local fields a mapping may name, per entity (and per invoice line). */
export const LOCAL_FIELDS: Record<SyncEntity, { fields: Record<string, LocalField>; lines?: Record<string, LocalField> }> = {
  customers: { fields: { name: { required: true }, email: {}, phone: {}, address: {}, taxNumber: {}, currency: {} } },
  products: { fields: { name: { required: true }, sku: {}, description: {}, unitPrice: {}, currency: {} } },
  invoices: {
    fields: {
      number: { required: true }, customerId: { required: true }, status: { required: true }, currency: {},
      issueDate: { required: true }, dueDate: { required: true }, subtotal: {}, taxTotal: {}, total: { required: true },
      amountPaid: {}, notes: {},
    },
    lines: { description: {}, quantity: {}, unitPrice: {}, amount: {}, taxAmount: {} },
  },
  payments: { fields: { invoiceId: { required: true }, customerId: {}, amount: { required: true }, paidAt: { required: true }, currency: {}, reference: {} } },
  expenses: { fields: { vendor: { required: true }, description: {}, amount: { required: true }, currency: {}, spentAt: { required: true } } },
};

/** Entities the engine pushes only (the app is where they are entered). */
export const PUSH_ONLY_ENTITIES: readonly SyncEntity[] = ["expenses"];

/** Entities the engine pulls only (none today: payments are pushed too, see lib/sync/payments-push.ts). */
export const PULL_ONLY_ENTITIES: readonly SyncEntity[] = [];

/** The provider paths a mapping may name (array indexes stripped), per provider and entity. */
export const REMOTE_FIELDS: Record<string, Partial<Record<SyncEntity, { fields: readonly string[]; lines?: readonly string[] }>>> = {
  xero: {
    expenses: { fields: ["Type", "Contact.Name", "Contact.ContactID", "BankAccount.Code", "Date", "Reference", "CurrencyCode", "LineAmountTypes", "LineItems.Description", "LineItems.Quantity", "LineItems.UnitAmount", "LineItems.AccountCode", "LineItems.TaxType"] },
    payments: { fields: ["Invoice.InvoiceID", "Account.AccountID", "Account.Code", "Amount", "Date", "Reference", "CurrencyRate", "Status", "PaymentType", "IsReconciled"] },
    products: { fields: ["ItemID", "Code", "Name", "Description", "IsSold", "IsPurchased", "SalesDetails.UnitPrice", "SalesDetails.AccountCode", "SalesDetails.TaxType", "PurchaseDetails.UnitPrice"] },
    customers: { fields: ["Name", "EmailAddress", "FirstName", "LastName", "TaxNumber", "DefaultCurrency", "AccountNumber", "Phones.PhoneNumber", "Addresses.AddressLine1", "Addresses.City", "Addresses.PostalCode", "Addresses.Country", "ContactStatus"] },
    invoices: {
      fields: ["Type", "InvoiceNumber", "Reference", "Contact.ContactID", "Status", "CurrencyCode", "Date", "DueDate", "SubTotal", "TotalTax", "Total", "AmountPaid", "AmountDue", "LineAmountTypes", "LineItems"],
      lines: ["Description", "Quantity", "UnitAmount", "LineAmount", "TaxAmount", "TaxType", "AccountCode", "ItemCode"],
    },
  },
  quickbooks: {
    expenses: { fields: ["PaymentType", "AccountRef.value", "TxnDate", "PrivateNote", "DocNumber", "EntityRef.value", "CurrencyRef.value", "Line.Amount", "Line.Description", "Line.DetailType", "Line.AccountBasedExpenseLineDetail.AccountRef.value"] },
    payments: { fields: ["CustomerRef.value", "TotalAmt", "TxnDate", "PaymentRefNum", "PrivateNote", "CurrencyRef.value", "DepositToAccountRef.value", "Line.Amount", "Line.LinkedTxn.TxnId", "Line.LinkedTxn.TxnType"] },
    products: { fields: ["Name", "Sku", "Description", "Type", "UnitPrice", "PurchaseCost", "IncomeAccountRef.value", "ExpenseAccountRef.value", "Taxable", "Active"] },
    customers: { fields: ["DisplayName", "CompanyName", "GivenName", "FamilyName", "PrimaryEmailAddr.Address", "PrimaryPhone.FreeFormNumber", "BillAddr.Line1", "BillAddr.City", "BillAddr.PostalCode", "CurrencyRef.value", "ResaleNum", "Notes", "Active"] },
    invoices: {
      fields: ["DocNumber", "CustomerRef.value", "TxnDate", "DueDate", "TotalAmt", "Balance", "TxnTaxDetail.TotalTax", "CurrencyRef.value", "PrivateNote", "CustomerMemo.value", "Line"],
      lines: ["Description", "Amount", "DetailType", "SalesItemLineDetail.Qty", "SalesItemLineDetail.UnitPrice", "SalesItemLineDetail.ItemRef.value", "SalesItemLineDetail.TaxCodeRef.value"],
    },
  },
};

const text = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null));
const money = z.number().int().min(-1e13).max(1e13);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");
const currency = z.string().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code").nullable().optional();

/**
 * What a pulled record must satisfy before it is written: the database would refuse anything
 * else (a 500 or a failed page), so a record that fails becomes a run error with the field path.
 */
export const localRecordSchemas = {
  customers: z.object({
    name: z.string().trim().min(1, "is empty").max(200), email: text(320), phone: text(50), address: text(500), taxNumber: text(50), currency,
  }),
  products: z.object({
    name: z.string().trim().min(1, "is empty").max(200), sku: text(100), description: text(4000), unitPrice: money.optional(), currency,
  }),
  invoices: z.object({
    number: z.string().trim().min(1, "is empty").max(50), customerId: z.string({ error: "refers to a customer that is not synced" }).min(1),
    status: z.enum(["draft", "sent", "paid", "overdue", "void"]), currency, issueDate: day, dueDate: day,
    subtotal: money.optional(), taxTotal: money.optional(), total: money, amountPaid: money.optional(), notes: text(2000),
    lines: z.array(z.object({
      description: z.string().max(500).nullable().optional(), quantity: z.number().min(0).max(1e9).nullable().optional(),
      unitPrice: money.nullable().optional(), amount: money.nullable().optional(), taxAmount: money.nullable().optional(),
    })).max(500).optional(),
  }),
  payments: z.object({
    invoiceId: z.string({ error: "refers to an invoice that is not synced" }).min(1), customerId: z.string().nullable().optional(), amount: money.refine((n) => n > 0, "must be above zero"),
    paidAt: day, currency, reference: text(200),
  }),
  expenses: z.object({
    vendor: z.string().trim().min(1, "is empty").max(200), description: text(4000), amount: money.refine((n) => n > 0, "must be above zero"), currency, spentAt: day,
  }),
} satisfies Record<SyncEntity, z.ZodType>;
