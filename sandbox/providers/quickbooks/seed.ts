import { Fake, SEED_EPOCH } from "../../core/fake";
import { invoiceFromInput } from "./entities";
import type { QboCompany, QboEntity } from "./store";
import { qboDate } from "./time";

/** The sandbox's QuickBooks companies; a person picks one on the consent page, like Intuit's realm choice. */
export const QBO_REALMS = [
  { realmId: "9341453012345678", name: "Sandbox Company_US_1", email: "owner@sandbox-company-us-1.example.com" },
  { realmId: "9341453087654321", name: "Sandbox Company_US_2", email: "owner@sandbox-company-us-2.example.com" },
] as const;
export type QboRealmInfo = (typeof QBO_REALMS)[number];

export const INCOME_ACCOUNT = { value: "79", name: "Sales of Product Income" };
export const USD = { value: "USD", name: "United States Dollar" };

/** The chart of accounts of a QuickBooks sandbox company (its fixed ids), referenced by items and purchases. */
export const QBO_ACCOUNTS = [
  { Id: "1", Name: "Services", AccountType: "Income", AccountSubType: "ServiceFeeIncome", Classification: "Revenue" },
  { Id: "7", Name: "Advertising", AccountType: "Expense", AccountSubType: "AdvertisingPromotional", Classification: "Expense" },
  { Id: "13", Name: "Meals and Entertainment", AccountType: "Expense", AccountSubType: "EntertainmentMeals", Classification: "Expense" },
  { Id: "20", Name: "Office Expenses", AccountType: "Expense", AccountSubType: "OfficeGeneralAdministrativeExpenses", Classification: "Expense" },
  { Id: "33", Name: "Accounts Payable (A/P)", AccountType: "Accounts Payable", AccountSubType: "AccountsPayable", Classification: "Liability" },
  { Id: "35", Name: "Checking", AccountType: "Bank", AccountSubType: "Checking", Classification: "Asset" },
  { Id: "42", Name: "Visa", AccountType: "Credit Card", AccountSubType: "CreditCard", Classification: "Liability" },
  { Id: "79", Name: "Sales of Product Income", AccountType: "Income", AccountSubType: "SalesOfProductIncome", Classification: "Revenue" },
  { Id: "80", Name: "Cost of Goods Sold", AccountType: "Cost of Goods Sold", AccountSubType: "SuppliesMaterialsCogs", Classification: "Expense" },
  { Id: "84", Name: "Accounts Receivable (A/R)", AccountType: "Accounts Receivable", AccountSubType: "AccountsReceivable", Classification: "Asset" },
] as const;

/** Accounts, tax rates and codes, terms and a few vendors: the lists sync maps against. */
export function seedLists(c: QboCompany) {
  const at = Date.parse("2024-01-01T00:00:00Z");
  for (const { Id, ...a } of QBO_ACCOUNTS) {
    c.insert("Account", { ...a, FullyQualifiedName: a.Name, SubAccount: false, Active: true, CurrentBalance: 0, CurrentBalanceWithSubAccounts: 0, CurrencyRef: USD }, at, Id);
  }
  c.insert("TaxRate", { Name: "California", Description: "Sales Tax", Active: true, RateValue: 8, AgencyRef: { value: "1" }, SpecialTaxType: "NONE", DisplayType: "ReadOnly", EffectiveTaxRate: [] }, at, "3");
  c.insert("TaxCode", { Name: "TAX", Description: "TAX", Active: true, Hidden: false, Taxable: true, TaxGroup: false, SalesTaxRateList: { TaxRateDetail: [{ TaxRateRef: { value: "3", name: "California" }, TaxTypeApplicable: "TaxOnAmount", TaxOrder: 0 }] }, PurchaseTaxRateList: { TaxRateDetail: [] } }, at, "TAX");
  c.insert("TaxCode", { Name: "NON", Description: "NON", Active: true, Hidden: false, Taxable: false, TaxGroup: false, SalesTaxRateList: { TaxRateDetail: [] }, PurchaseTaxRateList: { TaxRateDetail: [] } }, at, "NON");
  for (const [id, name, days] of [["2", "Due on receipt", 0], ["3", "Net 15", 15], ["4", "Net 30", 30], ["5", "Net 60", 60]] as const) {
    c.insert("Term", { Name: name, Active: true, Type: "STANDARD", DueDays: days, DiscountPercent: 0, DiscountDays: 0 }, at, id);
  }
  const fake = new Fake(`${c.info.realmId}:vendors`);
  for (let i = 0; i < 5; i++) {
    const company = `${fake.company()} Supplies`;
    c.insert("Vendor", { DisplayName: company, CompanyName: company, PrintOnCheckName: company, Active: true, Vendor1099: false, Balance: 0, CurrencyRef: USD, PrimaryEmailAddr: { Address: fake.email("ap", company) } }, fake.dateBefore(SEED_EPOCH, 365).getTime());
  }
}

/** Seeds `count` realistic records of `entity`, deterministic for the same Fake seed. */
export function seedQbo(c: QboCompany, entity: QboEntity | string, count: number, fake: Fake): string[] {
  const ids: string[] = [];
  // QuickBooks keeps customers' DisplayName unique: a drawn name already taken gets its number.
  const names = /^customers?$/i.test(entity) ? new Set([...c.records.Customer.values()].map((r) => String(r.data.DisplayName).toLowerCase())) : new Set<string>();
  for (let i = 0; i < count; i++) {
    const at = fake.dateBefore(SEED_EPOCH, 365).getTime();
    const n = c.records.Customer.size + c.records.Item.size + i + 1;
    if (/^customers?$/i.test(entity)) {
      const p = fake.person();
      const company = fake.company();
      const drawn = `${company} (${p.name})`;
      const display = names.has(drawn.toLowerCase()) ? `${drawn} ${n}` : drawn;
      names.add(display.toLowerCase());
      ids.push(c.insert("Customer", {
        GivenName: p.first, FamilyName: p.last, CompanyName: company, DisplayName: display, PrintOnCheckName: company, FullyQualifiedName: display,
        PrimaryEmailAddr: { Address: fake.email(p.first, company) }, PrimaryPhone: { FreeFormNumber: `(415) ${fake.phone()}` },
        BillAddr: { Id: String(1000 + n), Line1: fake.street(), City: fake.city(), CountrySubDivisionCode: "CA", PostalCode: String(fake.int(90001, 96162)) },
        Active: true, Taxable: false, Job: false, BillWithParent: false, Balance: 0, BalanceWithJobs: 0, PreferredDeliveryMethod: "Email", CurrencyRef: USD,
      }, at).id);
    } else if (/^items?$/i.test(entity)) {
      const name = `${fake.product()} ${n}`;
      ids.push(c.insert("Item", {
        Name: name, FullyQualifiedName: name, Description: "Billed per unit", Active: true, Taxable: false, UnitPrice: fake.money(20, 500),
        Type: "Service", IncomeAccountRef: INCOME_ACCOUNT, TrackQtyOnHand: false, PurchaseCost: 0,
      }, at).id);
    } else if (/^invoices?$/i.test(entity)) {
      const customers = c.live("Customer");
      const items = c.live("Item");
      if (!customers.length || !items.length) throw new Error("seed customers and items before invoices");
      const cust = fake.pick(customers);
      const lines = Array.from({ length: fake.int(1, 3) }, () => {
        const it = fake.pick(items);
        return { Description: String(it.data.Description), DetailType: "SalesItemLineDetail", SalesItemLineDetail: { ItemRef: { value: it.id, name: String(it.data.Name) }, Qty: fake.int(1, 8), UnitPrice: Number(it.data.UnitPrice) } };
      });
      const txn = fake.dateBefore(new Date(at), 20).getTime();
      const built = invoiceFromInput(c, { CustomerRef: { value: cust.id }, Line: lines, TxnDate: qboDate(txn), DocNumber: String(1000 + c.records.Invoice.size + 1) });
      if ("error" in built) throw new Error(built.error.detail);
      // About a third of seeded invoices are paid, so balances and payments look real.
      if (fake.next() < 0.33) built.data.Balance = 0;
      const inv = c.insert("Invoice", built.data, at);
      ids.push(inv.id);
      if (built.data.Balance === 0) {
        const p = c.insert("Payment", {
          CustomerRef: built.data.CustomerRef, TotalAmt: built.data.TotalAmt, UnappliedAmt: 0, TxnDate: qboDate(at), CurrencyRef: USD, ProcessPayment: false,
          Line: [{ Amount: built.data.TotalAmt, LinkedTxn: [{ TxnId: inv.id, TxnType: "Invoice" }] }],
        }, at);
        inv.data = { ...inv.data, LinkedTxn: [{ TxnId: p.id, TxnType: "Payment" }] };
      }
    } else {
      throw new Error(`QuickBooks seeding supports Customer, Item and Invoice, not ${entity}`);
    }
  }
  return ids;
}
