// Static data of the demo organisation. Kept apart from the insert logic so it reads like a fixture.

export const DEMO_TAX_RATES = [
  { key: "none", name: "No tax", rateBps: 0 },
  { key: "standard", name: "Standard 10%", rateBps: 1000 },
  { key: "reduced", name: "Reduced 5%", rateBps: 500 },
] as const;

export const DEMO_ACCOUNTS = [
  { code: "1000", name: "Cash", type: "asset" },
  { code: "1100", name: "Accounts receivable", type: "asset" },
  { code: "1200", name: "Business bank account", type: "asset" },
  { code: "2000", name: "Accounts payable", type: "liability" },
  { code: "2100", name: "Sales tax payable", type: "liability" },
  { code: "3000", name: "Owner's equity", type: "equity" },
  { code: "4000", name: "Sales", type: "revenue" },
  { code: "4100", name: "Consulting revenue", type: "revenue" },
  { code: "5000", name: "Cost of goods sold", type: "expense" },
  { code: "6000", name: "Rent", type: "expense" },
  { code: "6100", name: "Software subscriptions", type: "expense" },
  { code: "6200", name: "Travel", type: "expense" },
] as const;

/** Unit prices in minor units (cents). */
export const DEMO_PRODUCTS = [
  { name: "Bookkeeping (monthly)", sku: "BK-MONTH", unitPrice: 45_000, tax: "standard" },
  { name: "Payroll run", sku: "PAY-RUN", unitPrice: 12_500, tax: "standard" },
  { name: "Year-end accounts", sku: "YE-ACC", unitPrice: 180_000, tax: "standard" },
  { name: "Tax return filing", sku: "TAX-RET", unitPrice: 65_000, tax: "reduced" },
  { name: "Advisory hour", sku: "ADV-HR", unitPrice: 15_000, tax: "standard" },
  { name: "Software setup", sku: "SW-SETUP", unitPrice: 30_000, tax: "none" },
] as const;

export const DEMO_CUSTOMERS = [
  { name: "Acme Trading Ltd", email: "accounts@acme.example", phone: "+1 555 0100" },
  { name: "Blue Harbor Cafe", email: "owner@blueharbor.example", phone: "+1 555 0101" },
  { name: "Cedar & Pine Architects", email: "billing@cedarpine.example", phone: "+1 555 0102" },
  { name: "Delta Logistics", email: "ap@deltalogistics.example", phone: "+1 555 0103" },
  { name: "Evergreen Dental", email: "office@evergreendental.example", phone: "+1 555 0104" },
  { name: "Foxglove Florists", email: "hello@foxglove.example", phone: "+1 555 0105" },
  { name: "Granite Construction", email: "finance@granite.example", phone: "+1 555 0106" },
  { name: "Harbourview Hotel", email: "accounts@harbourview.example", phone: "+1 555 0107" },
  { name: "Indigo Design Studio", email: "studio@indigo.example", phone: "+1 555 0108" },
  { name: "Juniper Yoga", email: "team@juniperyoga.example", phone: "+1 555 0109" },
  { name: "Kestrel Engineering", email: "payables@kestrel.example", phone: "+1 555 0110" },
  { name: "Lumen Photography", email: "lumen@lumen.example", phone: "+1 555 0111" },
] as const;

/** Status of each of the 25 demo invoices, oldest first: older ones are mostly settled. */
export const DEMO_INVOICE_STATUSES = [
  "paid", "paid", "paid", "void", "paid", "paid", "paid", "paid", "overdue", "paid",
  "paid", "overdue", "paid", "paid", "void", "overdue", "paid", "sent", "overdue", "sent",
  "sent", "sent", "draft", "draft", "draft",
] as const;

export const DEMO_EXPENSES = [
  { vendor: "Office Space Co", description: "Monthly rent", amount: 220_000, account: "6000" },
  { vendor: "CloudBooks", description: "Accounting software", amount: 9_900, account: "6100" },
  { vendor: "Rail Express", description: "Client visit", amount: 14_250, account: "6200" },
  { vendor: "PaperWorks", description: "Printer supplies", amount: 3_480, account: "5000" },
] as const;
