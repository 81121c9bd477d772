import { sql } from "drizzle-orm";
import {
  bigint, check, date, index, integer, numeric, pgEnum, pgTable, text, timestamp, unique,
} from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

// Every row of tenant data carries organisation_id; lib/auth/tenant.ts is the one way to query it.
const orgId = () =>
  text("organisation_id").notNull().references(() => organisations.id, { onDelete: "cascade" });
const id = () => text("id").primaryKey().$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date());
/** Money is held in minor units (cents) as bigint, read back as a JS number. */
const minor = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);

export const customers = pgTable("customers", {
  id: id(), organisationId: orgId(),
  name: text("name").notNull(),
  email: text("email"),
  phone: text("phone"),
  address: text("address"),
  taxNumber: text("tax_number"),
  currency: text("currency").notNull().default("USD"),
  createdAt: createdAt(), updatedAt: updatedAt(),
}, (t) => [index("customers_org_idx").on(t.organisationId, t.name)]);

export const invoiceStatusEnum = pgEnum("invoice_status", ["draft", "sent", "paid", "overdue", "void"]);

export const invoices = pgTable("invoices", {
  id: id(), organisationId: orgId(),
  customerId: text("customer_id").notNull().references(() => customers.id),
  number: text("number").notNull(),
  status: invoiceStatusEnum("status").notNull().default("draft"),
  currency: text("currency").notNull().default("USD"),
  issueDate: date("issue_date").notNull(),
  dueDate: date("due_date").notNull(),
  subtotal: minor("subtotal"),
  taxTotal: minor("tax_total"),
  total: minor("total"),
  amountPaid: minor("amount_paid"),
  notes: text("notes"),
  createdAt: createdAt(), updatedAt: updatedAt(),
}, (t) => [
  unique("invoices_org_number_uq").on(t.organisationId, t.number),
  index("invoices_org_status_idx").on(t.organisationId, t.status, t.dueDate),
  // The invoice list and the dashboard order by issue date, newest first, optionally by status
  // or for one customer; these let them read the first page without sorting every invoice.
  index("invoices_org_issue_idx").on(t.organisationId, t.issueDate, t.number),
  index("invoices_org_status_issue_idx").on(t.organisationId, t.status, t.issueDate),
  index("invoices_customer_issue_idx").on(t.customerId, t.issueDate),
]);

/**
 * The last invoice number handed out per organisation. Creating an invoice increments it in
 * the creating transaction (one row update, which also serialises concurrent creators of one
 * organisation until commit), so numbers are unique and gap-free without scanning invoices.
 */
export const invoiceCounters = pgTable("invoice_counters", {
  organisationId: text("organisation_id").primaryKey().references(() => organisations.id, { onDelete: "cascade" }),
  lastNumber: bigint("last_number", { mode: "number" }).notNull().default(0),
});

export const invoiceLines = pgTable("invoice_lines", {
  id: id(), organisationId: orgId(),
  invoiceId: text("invoice_id").notNull().references(() => invoices.id, { onDelete: "cascade" }),
  productId: text("product_id").references(() => products.id),
  description: text("description").notNull(),
  quantity: numeric("quantity", { precision: 12, scale: 4, mode: "number" }).notNull().default(1),
  unitPrice: minor("unit_price"),
  taxRateId: text("tax_rate_id").references(() => taxRates.id),
  taxAmount: minor("tax_amount"),
  amount: minor("amount"),
  position: integer("position").notNull().default(0),
}, (t) => [index("invoice_lines_invoice_idx").on(t.invoiceId)]);

export const payments = pgTable("payments", {
  id: id(), organisationId: orgId(),
  invoiceId: text("invoice_id").references(() => invoices.id),
  customerId: text("customer_id").references(() => customers.id),
  amount: minor("amount"),
  currency: text("currency").notNull().default("USD"),
  method: text("method").notNull().default("bank_transfer"),
  reference: text("reference"),
  paidAt: date("paid_at").notNull(),
  /**
   * `received` counts towards its invoice; `failed` (bounced, returned) and `refunded` no longer
   * do: reversing a payment takes its amount off the invoice again (lib/db/queries/payments.ts).
   */
  status: text("status").notNull().default("received"),
  reversedAt: timestamp("reversed_at", { withTimezone: true }),
  reversalReason: text("reversal_reason"),
  createdAt: createdAt(),
}, (t) => [
  index("payments_org_idx").on(t.organisationId, t.paidAt),
  check("payments_status_ck", sql`${t.status} in ('received', 'failed', 'refunded')`),
]);

export const products = pgTable("products", {
  id: id(), organisationId: orgId(),
  name: text("name").notNull(),
  sku: text("sku"),
  description: text("description"),
  unitPrice: minor("unit_price"),
  currency: text("currency").notNull().default("USD"),
  createdAt: createdAt(), updatedAt: updatedAt(),
});

export const taxRates = pgTable("tax_rates", {
  id: id(), organisationId: orgId(),
  name: text("name").notNull(),
  /** Basis points: 1000 = 10%. */
  rateBps: integer("rate_bps").notNull(),
  createdAt: createdAt(),
});

export const accountTypeEnum = pgEnum("account_type", ["asset", "liability", "equity", "revenue", "expense"]);

/** The chart of accounts. */
export const ledgerAccounts = pgTable("ledger_accounts", {
  id: id(), organisationId: orgId(),
  code: text("code").notNull(),
  name: text("name").notNull(),
  type: accountTypeEnum("type").notNull(),
  createdAt: createdAt(),
}, (t) => [unique("ledger_accounts_org_code_uq").on(t.organisationId, t.code)]);

export const expenses = pgTable("expenses", {
  id: id(), organisationId: orgId(),
  accountId: text("account_id").references(() => ledgerAccounts.id),
  vendor: text("vendor").notNull(),
  description: text("description"),
  amount: minor("amount"),
  currency: text("currency").notNull().default("USD"),
  spentAt: date("spent_at").notNull(),
  createdAt: createdAt(),
});
