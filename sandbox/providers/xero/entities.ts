import { bankTransaction } from "./bank-transactions";
import { creditNote } from "./credit-notes";
import { msDay } from "./dates";
import { day, findContact, lineTotals, num, obj, round2, statusRules, type Data } from "./lines";
import type { XeroBooks, XeroEntity, XeroRecord } from "./store";

/**
 * Validates and completes a record the way Xero does on save: computed totals, defaults,
 * references resolved, and Xero's status rules against the stored version `prev` (an update).
 * Returns Xero-style validation messages instead when it would refuse.
 */
export function normalize(books: XeroBooks, entity: XeroEntity, input: Data, prev?: Data, id = ""): { data: Data; errors: string[] } {
  switch (entity) {
    case "Contacts": return contact(books, input, id);
    case "Invoices": return invoice(books, input, prev, id);
    case "Payments": return payment(books, input, prev);
    case "Items": return item(books, input, id);
    case "Accounts": return account(input);
    case "TaxRates": return taxRate(input);
    case "BankTransactions": return bankTransaction(books, input, prev);
    case "CreditNotes": return creditNote(books, input, prev);
  }
}

function contact(books: XeroBooks, d: Data, id: string) {
  if (typeof d.Name !== "string" || !d.Name.trim()) return { data: d, errors: ["The contact name must be specified."] };
  if (d.ContactStatus !== "ARCHIVED" && books.holderOf("Contacts", d.Name, id)) {
    return { data: d, errors: [`The contact name ${d.Name} is already assigned to another contact. The contact name must be unique across all active contacts.`] };
  }
  return { data: { ContactStatus: "ACTIVE", IsSupplier: false, IsCustomer: false, HasAttachments: false, ...d }, errors: [] };
}

/** Xero's next automatic number: INV-nnnn after the ones in use. */
function nextInvoiceNumber(books: XeroBooks, id: string) {
  let n = books.records.Invoices.size + 1;
  while (books.holderOf("Invoices", `INV-${String(n).padStart(4, "0")}`, id)) n++;
  return `INV-${String(n).padStart(4, "0")}`;
}

function invoice(books: XeroBooks, d: Data, prev?: Data, id = "") {
  const errors: string[] = [];
  if (d.Type === "ACCREC" && typeof d.InvoiceNumber === "string" && d.InvoiceNumber && d.Status !== "DELETED" && books.holderOf("Invoices", d.InvoiceNumber, id)) errors.push("Invoice # must be unique.");
  if (d.Type !== "ACCREC" && d.Type !== "ACCPAY") errors.push("Invoice Type must be ACCREC or ACCPAY.");
  const found = findContact(books, d);
  if (!found) errors.push("A Contact must be specified for this type of transaction");
  if (d.Date !== undefined && !day(d.Date)) errors.push("Date is not a valid date.");
  if (typeof d.Status === "string" && !["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"].includes(d.Status)) errors.push(`Invoice Status ${d.Status} is not valid.`);
  // Lines compare as Xero books them (defaults such as TaxType filled in), not as the client spelled them.
  const totals = lineTotals(books, d);
  if (!errors.length) errors.push(...statusRules("Invoice", { ...d, LineItems: totals.LineItems }, prev));
  if (errors.length) return { data: d, errors };
  const amountPaid = num(d.AmountPaid);
  const amountCredited = num(d.AmountCredited);
  const now = Date.now();
  return {
    errors: [],
    data: {
      Status: "DRAFT", CurrencyCode: books.tenant.currency, CurrencyRate: 1, HasAttachments: false, IsDiscounted: false,
      Payments: [], CreditNotes: [], Prepayments: [], Overpayments: [],
      ...d,
      Contact: { ContactID: found!.id, Name: found!.data.Name },
      Date: day(d.Date) ?? msDay(now), DueDate: day(d.DueDate) ?? day(d.Date) ?? msDay(now),
      ...totals,
      AmountPaid: amountPaid, AmountCredited: amountCredited, AmountDue: round2(totals.Total - amountPaid - amountCredited),
      InvoiceNumber: typeof d.InvoiceNumber === "string" && d.InvoiceNumber ? d.InvoiceNumber : nextInvoiceNumber(books, id),
    },
  };
}

function payment(books: XeroBooks, d: Data, prev?: Data) {
  if (prev) {
    // Xero only lets a payment be deleted, never edited.
    if (d.Status !== "DELETED" || prev.Status === "DELETED") return { data: d, errors: [prev.Status === "DELETED" ? "This payment has been deleted." : "Payments can only be deleted, not updated."] };
    return { data: { ...prev, Status: "DELETED" }, errors: [] };
  }
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
  if (d.Status !== undefined && d.Status !== "AUTHORISED") errors.push("A payment is created AUTHORISED; delete it with Status DELETED afterwards.");
  if (invoiceRec && invoiceRec.data.Status !== "AUTHORISED") errors.push(`Payments can only be made against AUTHORISED documents (this invoice is ${String(invoiceRec.data.Status)}).`);
  else if (invoiceRec && amount > num(invoiceRec.data.AmountDue) + 1e-9) errors.push(`Payment amount (${amount}) exceeds the amount outstanding on this document (${num(invoiceRec.data.AmountDue)}).`);
  if (errors.length || !invoiceRec || !accountRec) return { data: d, errors };
  const i = invoiceRec.data;
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

/**
 * What a saved record does to others, as Xero books it: a new payment pays its invoice (AmountPaid,
 * AmountDue, Payments[], PAID when nothing is due); a deleted payment reopens it.
 */
export function applyEffects(books: XeroBooks, entity: XeroEntity, prev: XeroRecord | undefined, next: XeroRecord, at: number) {
  if (entity !== "Payments") return;
  const invoiceId = String(obj(next.data.Invoice)?.InvoiceID);
  const inv = books.records.Invoices.get(invoiceId);
  if (!inv) return;
  const amount = num(next.data.Amount);
  const i = inv.data;
  const payments = (Array.isArray(i.Payments) ? i.Payments : []) as Data[];
  if (!prev && next.data.Status !== "DELETED") {
    const paid = round2(num(i.AmountPaid) + amount);
    const due = round2(num(i.Total) - paid - num(i.AmountCredited));
    const entry = { PaymentID: next.id, Date: next.data.Date, Amount: amount, Reference: next.data.Reference, CurrencyRate: 1, HasAccount: true, HasValidationErrors: false };
    books.set("Invoices", {
      ...inv, updatedAt: Math.max(inv.updatedAt, at),
      data: { ...i, AmountPaid: paid, AmountDue: Math.max(0, due), Payments: [...payments, entry], ...(due <= 0 ? { Status: "PAID", FullyPaidOnDate: next.data.Date } : {}) },
    });
  } else if (prev && prev.data.Status !== "DELETED" && next.data.Status === "DELETED") {
    const paid = round2(num(i.AmountPaid) - amount);
    const { FullyPaidOnDate: _gone, ...rest } = i;
    void _gone;
    books.set("Invoices", {
      ...inv, updatedAt: Math.max(inv.updatedAt, at),
      data: { ...rest, AmountPaid: paid, AmountDue: round2(num(i.Total) - paid - num(i.AmountCredited)), Payments: payments.filter((p) => p.PaymentID !== next.id), Status: i.Status === "PAID" ? "AUTHORISED" : i.Status },
    });
  }
}

function item(books: XeroBooks, d: Data, id: string) {
  if (typeof d.Code !== "string" || !d.Code) return { data: d, errors: ["Item code must be specified."] };
  if (books.holderOf("Items", d.Code, id)) return { data: d, errors: [`Item code '${d.Code}' already exists`] };
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
