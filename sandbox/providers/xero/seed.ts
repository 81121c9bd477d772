import { Fake, SEED_EPOCH } from "../../core/fake";
import { msDate, msDay } from "./dates";
import type { XeroRecord } from "./store";

/** The demo Xero user and the organisations (tenants) it can connect. */
export const XERO_USER = { id: "xero-demo-user", name: "Demo User", email: "demo.user@example.com" };
export const XERO_TENANTS = [
  { tenantId: "8f7c4d2a-1b3e-4c5d-9e6f-0a1b2c3d4e5f", name: "Demo Company (US)", country: "US", currency: "USD", shortCode: "!dmUS1", seed: 1 },
  { tenantId: "3b9a6e1f-7c2d-4e8a-b5f0-6d1c2e3f4a5b", name: "Sandbox Trading Ltd", country: "GB", currency: "GBP", shortCode: "!sbGB2", seed: 2 },
] as const;

export type XeroTenant = (typeof XERO_TENANTS)[number];

export const XERO_ACCOUNTS = [
  { Code: "090", Name: "Business Bank Account", Type: "BANK", Class: "ASSET", BankAccountType: "BANK", BankAccountNumber: "0400000000001", EnablePaymentsToAccount: false },
  { Code: "200", Name: "Sales", Type: "REVENUE", Class: "REVENUE" },
  { Code: "260", Name: "Other Revenue", Type: "REVENUE", Class: "REVENUE" },
  { Code: "400", Name: "Advertising", Type: "OVERHEADS", Class: "EXPENSE" },
  { Code: "610", Name: "Accounts Receivable", Type: "CURRENT", Class: "ASSET", SystemAccount: "DEBTORS" },
  { Code: "800", Name: "Accounts Payable", Type: "CURRLIAB", Class: "LIABILITY", SystemAccount: "CREDITORS" },
] as const;

export const XERO_TAX_RATES = [
  { Name: "Tax on Sales", TaxType: "OUTPUT", DisplayTaxRate: 10, ReportTaxType: "OUTPUT" },
  { Name: "Tax on Purchases", TaxType: "INPUT", DisplayTaxRate: 10, ReportTaxType: "INPUT" },
  { Name: "Tax Exempt", TaxType: "NONE", DisplayTaxRate: 0, ReportTaxType: "NONE" },
] as const;

const STATUSES = ["AUTHORISED", "AUTHORISED", "AUTHORISED", "PAID", "DRAFT", "SUBMITTED"] as const;

/** Seeds fake records of one entity; `start` numbers them after what already exists. */
export function seedXero(entity: string, count: number, fake: Fake, ctx: { contacts: XeroRecord[]; start: number }): XeroRecord[] {
  const out: XeroRecord[] = [];
  for (let i = 0; i < count; i++) {
    const updatedAt = fake.dateBefore(SEED_EPOCH, 365).getTime();
    const n = ctx.start + i + 1;
    if (entity === "Contacts") {
      const p = fake.person();
      const company = fake.company();
      out.push({
        id: fake.uuid(), updatedAt,
        data: {
          ContactStatus: "ACTIVE", Name: `${company} ${n}`, FirstName: p.first, LastName: p.last,
          EmailAddress: fake.email(p.first, company), IsSupplier: false, IsCustomer: true,
          Addresses: [{ AddressType: "STREET", AddressLine1: fake.street(), City: fake.city(), PostalCode: String(fake.int(1000, 99999)) }],
          Phones: [{ PhoneType: "DEFAULT", PhoneNumber: fake.phone() }],
          HasAttachments: false,
        },
      });
    } else if (entity === "Items") {
      const price = fake.money(20, 900);
      out.push({
        id: fake.uuid(), updatedAt,
        data: {
          Code: `ITEM-${String(n).padStart(3, "0")}`, Name: `${fake.product()} ${n}`, Description: "Sold by the hour or unit",
          IsSold: true, IsPurchased: false, IsTrackedAsInventory: false,
          SalesDetails: { UnitPrice: price, AccountCode: "200", TaxType: "OUTPUT" },
        },
      });
    } else if (entity === "Invoices") {
      const contact = fake.pick(ctx.contacts);
      const date = fake.dateBefore(new Date(updatedAt), 30).getTime();
      const status = fake.pick(STATUSES);
      const lines = Array.from({ length: fake.int(1, 3) }, () => ({
        Description: fake.product(), Quantity: fake.int(1, 10), UnitAmount: fake.money(25, 400), AccountCode: "200", TaxType: "OUTPUT",
      }));
      out.push({
        id: fake.uuid(), updatedAt,
        data: {
          Type: "ACCREC", InvoiceNumber: `INV-${String(n).padStart(4, "0")}`, Reference: `PO-${fake.int(1000, 9999)}`,
          Contact: { ContactID: contact?.id, Name: contact?.data.Name },
          Date: msDay(date), DueDate: msDay(date + 30 * 86400000), Status: status, LineAmountTypes: "Exclusive",
          LineItems: lines, SentToContact: status !== "DRAFT", HasAttachments: false, IsDiscounted: false,
          ...(status === "PAID" ? { FullyPaidOnDate: msDay(updatedAt) } : {}),
        },
      });
    } else {
      throw new Error(`Xero seeding supports Contacts, Items and Invoices, not ${entity}`);
    }
  }
  return out;
}

export const orgCreated = msDate(Date.parse("2019-03-01T00:00:00Z"));
