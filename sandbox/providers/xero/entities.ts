import { randomUUID } from "node:crypto";
import type { XeroBooks, XeroEntity } from "./store";
import { msDay, parseXeroDate } from "./dates";

type Data = Record<string, unknown>;
const round2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown, d = 0) => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : d);
const obj = (v: unknown): Data | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Data) : undefined);

/** A date a client sent (ISO, YYYY-MM-DD or `/Date()/`) as Xero stores it, or undefined. */
function day(v: unknown): string | undefined {
  const ms = parseXeroDate(v);
  return Number.isNaN(ms) ? undefined : msDay(ms);
}

/**
 * Validates and completes a record the way Xero does on save: computed totals, defaults,
 * references resolved. Returns Xero-style validation messages instead when it would refuse.
 */
export function normalize(books: XeroBooks, entity: XeroEntity, input: Data, at = Date.now()): { data: Data; errors: string[] } {
  switch (entity) {
    case "Contacts": return contact(input);
    case "Invoices": return invoice(books, input);
    case "Payments": return payment(books, input, at);
    case "Items": return item(input);
    case "Accounts": return account(input);
    case "TaxRates": return taxRate(input);
  }
}

function contact(d: Data) {
  if (typeof d.Name !== "string" || !d.Name.trim()) return { data: d, errors: ["The contact name must be specified."] };
  return { data: { ContactStatus: "ACTIVE", IsSupplier: false, IsCustomer: false, HasAttachments: false, ...d }, errors: [] };
}

function invoice(books: XeroBooks, d: Data) {
  const errors: string[] = [];
  if (d.Type !== "ACCREC" && d.Type !== "ACCPAY") errors.push("Invoice Type must be ACCREC or ACCPAY.");
  const c = obj(d.Contact);
  const contactId = typeof c?.ContactID === "string" ? c.ContactID : undefined;
  const found = contactId ? books.records.Contacts.get(contactId) : [...books.records.Contacts.values()].find((x) => x.data.Name === c?.Name);
  if (!found) errors.push("A Contact must be specified for this type of transaction");
  if (d.Date !== undefined && !day(d.Date)) errors.push("Date is not a valid date.");
  if (errors.length) return { data: d, errors };
  const lineAmountTypes = typeof d.LineAmountTypes === "string" ? d.LineAmountTypes : "Exclusive";
  const rates = books.records.TaxRates;
  const lines = (Array.isArray(d.LineItems) ? d.LineItems : []).map((raw) => {
    const l = obj(raw) ?? {};
    const qty = num(l.Quantity, 1);
    const unit = num(l.UnitAmount);
    const lineAmount = round2(qty * unit);
    const taxType = typeof l.TaxType === "string" ? l.TaxType : lineAmountTypes === "NoTax" ? "NONE" : "OUTPUT";
    const rate = lineAmountTypes === "NoTax" ? 0 : num(rates.get(taxType)?.data.EffectiveRate);
    const tax = lineAmountTypes === "Inclusive" ? round2(lineAmount - lineAmount / (1 + rate / 100)) : round2((lineAmount * rate) / 100);
    return { LineItemID: typeof l.LineItemID === "string" ? l.LineItemID : randomUUID(), ...l, Quantity: qty, UnitAmount: unit, TaxType: taxType, TaxAmount: tax, LineAmount: lineAmount, Tracking: Array.isArray(l.Tracking) ? l.Tracking : [] };
  });
  const lineSum = round2(lines.reduce((s, l) => s + l.LineAmount, 0));
  const totalTax = round2(lines.reduce((s, l) => s + l.TaxAmount, 0));
  const subTotal = lineAmountTypes === "Inclusive" ? round2(lineSum - totalTax) : lineSum;
  const total = round2(subTotal + totalTax);
  const amountPaid = num(d.AmountPaid);
  const now = Date.now();
  return {
    errors: [],
    data: {
      Status: "DRAFT", CurrencyCode: books.tenant.currency, CurrencyRate: 1, HasAttachments: false, IsDiscounted: false,
      Payments: [], CreditNotes: [], Prepayments: [], Overpayments: [], AmountCredited: 0,
      ...d,
      Contact: { ContactID: found!.id, Name: found!.data.Name },
      Date: day(d.Date) ?? msDay(now), DueDate: day(d.DueDate) ?? day(d.Date) ?? msDay(now),
      LineAmountTypes: lineAmountTypes, LineItems: lines, SubTotal: subTotal, TotalTax: totalTax, Total: total,
      AmountPaid: amountPaid, AmountDue: round2(total - amountPaid),
      InvoiceNumber: typeof d.InvoiceNumber === "string" && d.InvoiceNumber ? d.InvoiceNumber : `INV-${String(books.records.Invoices.size + 1).padStart(4, "0")}`,
    },
  };
}

function payment(books: XeroBooks, d: Data, at: number) {
  const errors: string[] = [];
  const inv = obj(d.Invoice);
  const invoiceRec = (typeof inv?.InvoiceID === "string" && books.records.Invoices.get(inv.InvoiceID)) ||
    [...books.records.Invoices.values()].find((x) => x.data.InvoiceNumber === (inv?.InvoiceNumber ?? d.InvoiceNumber));
  if (!invoiceRec) errors.push("Invoice could not be found");
  const acc = obj(d.Account);
  const accountRec = [...books.records.Accounts.values()].find((a) => a.id === acc?.AccountID || a.data.Code === acc?.Code);
  if (!accountRec) errors.push("Account could not be found");
  const amount = num(d.Amount, NaN);
  if (!(amount > 0)) errors.push("Payment amount must be greater than zero");
  if (errors.length || !invoiceRec || !accountRec) return { data: d, errors };
  const i = invoiceRec.data;
  if (d.Status !== "DELETED" && !d.PaymentID) {
    // Applying a payment updates the invoice's amounts, as Xero does.
    const paid = round2(num(i.AmountPaid) + amount);
    const due = round2(num(i.Total) - paid);
    invoiceRec.data = { ...i, AmountPaid: paid, AmountDue: Math.max(0, due), ...(due <= 0 ? { Status: "PAID", FullyPaidOnDate: day(d.Date) ?? msDay(Date.now()) } : {}) };
    invoiceRec.updatedAt = Math.max(invoiceRec.updatedAt, at);
  }
  return {
    errors: [],
    data: {
      Status: "AUTHORISED", PaymentType: i.Type === "ACCPAY" ? "ACCPAYPAYMENT" : "ACCRECPAYMENT", IsReconciled: false, CurrencyRate: 1, HasAccount: true, HasValidationErrors: false,
      ...d,
      Date: day(d.Date) ?? msDay(Date.now()), Amount: amount, BankAmount: amount,
      Invoice: { InvoiceID: invoiceRec.id, InvoiceNumber: i.InvoiceNumber, Type: i.Type, Contact: i.Contact },
      Account: { AccountID: accountRec.id, Code: accountRec.data.Code },
    },
  };
}

function item(d: Data) {
  if (typeof d.Code !== "string" || !d.Code) return { data: d, errors: ["Item code must be specified."] };
  return { data: { IsSold: true, IsPurchased: false, IsTrackedAsInventory: false, ...d }, errors: [] };
}

function account(d: Data) {
  const errors: string[] = [];
  if (typeof d.Code !== "string" || !d.Code) errors.push("Please enter a code for the account.");
  if (typeof d.Name !== "string" || !d.Name) errors.push("Please enter a name for the account.");
  if (typeof d.Type !== "string") errors.push("Please select an account type.");
  return { data: { Status: "ACTIVE", HasAttachments: false, ...d }, errors };
}

function taxRate(d: Data) {
  if (typeof d.Name !== "string" || !d.Name) return { data: d, errors: ["Tax rate name must be specified."] };
  return { data: { Status: "ACTIVE", ...d }, errors: [] };
}
