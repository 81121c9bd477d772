/** Deterministic, realistic Stripe demo data for `POST /_control/seed`. */
import { customer, price, product } from "./objects";
import { attachItem, finalize, invoice, invoiceItem, markPaid } from "./invoices";
import type { StripeObject } from "./store";
import type { StripeState } from "./state";

const PEOPLE = [
  ["Amelia", "Hughes", "Hughes Joinery Ltd"], ["Oliver", "Bennett", "Bennett & Daughters"], ["Isla", "Patel", "Patel Pharmacy"],
  ["George", "Okafor", "Okafor Logistics"], ["Freya", "Lindqvist", "Nordic Bakes"], ["Noah", "Murphy", "Murphy Electrical"],
  ["Ava", "Rossi", "Rossi Ristorante"], ["Leo", "Nakamura", "Kaizen Studio"], ["Mia", "Dubois", "Dubois Interiors"],
  ["Jack", "Wilson", "Wilson Plumbing Co"],
] as const;
const PRODUCTS = [["Bookkeeping (monthly)", 14900], ["Payroll run", 4500], ["Year-end accounts", 89000], ["VAT return", 12500], ["Advisory hour", 9500]] as const;

/** Base time for seeded records: fixed so ids, names and dates repeat from one reset to the next. */
const BASE = 1_735_689_600; // 2025-01-01T00:00:00Z

export function seedStripe(s: StripeState, entity: string, count: number, origin: string): StripeObject[] {
  const { store } = s;
  const out: StripeObject[] = [];
  for (let i = 0; i < count; i++) {
    const n = store.all(entity === "invoices" ? "invoice" : entity === "products" ? "product" : "customer").length;
    if (entity === "customers") {
      const [first, last, company] = PEOPLE[n % PEOPLE.length];
      const suffix = n >= PEOPLE.length ? ` ${Math.floor(n / PEOPLE.length) + 1}` : "";
      out.push(store.put(customer(store, {
        name: `${company}${suffix}`, email: `${first.toLowerCase()}.${last.toLowerCase()}${suffix.trim()}@example.com`,
        phone: `+44 20 7946 0${String(100 + n).padStart(3, "0")}`, metadata: { seeded: "true" },
      }, BASE + n * 3600)));
    } else if (entity === "products") {
      const [name, amount] = PRODUCTS[n % PRODUCTS.length];
      const prod = store.put(product(store, { name, metadata: { seeded: "true" } }, BASE + n * 3600));
      const pr = store.put(price(store, { currency: "gbp", unit_amount: String(amount) }, prod.id, BASE + n * 3600));
      prod.default_price = pr.id;
      out.push(prod);
    } else if (entity === "invoices") {
      const customers = store.all("customer");
      const cust = customers[n % Math.max(1, customers.length)] ?? seedStripe(s, "customers", 1, origin)[0];
      const inv = store.put({ ...invoice(s, { collection_method: "send_invoice", days_until_due: "30", currency: "gbp" }, cust), created: BASE + n * 86400 });
      const [name, amount] = PRODUCTS[n % PRODUCTS.length];
      attachItem(s, inv, store.put(invoiceItem(s, { customer: cust.id, amount: String(amount), currency: "gbp", description: name }, null)));
      finalize(s, inv, origin);
      if (n % 3 === 0) markPaid(s, inv, false); // a third of them paid, the rest open
      out.push(inv);
    } else throw new Error(`Stripe cannot seed "${entity}"; use customers, products or invoices`);
  }
  return out;
}
