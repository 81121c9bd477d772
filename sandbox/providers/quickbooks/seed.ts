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

/** Seeds `count` realistic records of `entity`, deterministic for the same Fake seed. */
export function seedQbo(c: QboCompany, entity: QboEntity | string, count: number, fake: Fake): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = fake.dateBefore(SEED_EPOCH, 365).getTime();
    const n = c.records.Customer.size + c.records.Item.size + i + 1;
    if (/^customers?$/i.test(entity)) {
      const p = fake.person();
      const company = fake.company();
      const display = `${company} (${p.name})`;
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
        c.insert("Payment", {
          CustomerRef: built.data.CustomerRef, TotalAmt: built.data.TotalAmt, UnappliedAmt: 0, TxnDate: qboDate(at), CurrencyRef: USD, ProcessPayment: false,
          Line: [{ Amount: built.data.TotalAmt, LinkedTxn: [{ TxnId: inv.id, TxnType: "Invoice" }] }],
        }, at);
      }
    } else {
      throw new Error(`QuickBooks seeding supports Customer, Item and Invoice, not ${entity}`);
    }
  }
  return ids;
}
