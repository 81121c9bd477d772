import { randomUUID } from "node:crypto";
import type { XeroBooks, XeroEntity, XeroRecord } from "./store";
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

/** Xero refuses any change to an invoice in these states. */
const LOCKED = ["PAID", "VOIDED", "DELETED"];
const NOT_MODIFIABLE = "Invoice not of valid status for modification";
const HAS_PAYMENTS = "This document cannot be edited as it has a payment or credit note allocated to it.";

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

function findContact(books: XeroBooks, d: Data) {
  const c = obj(d.Contact);
  const contactId = typeof c?.ContactID === "string" ? c.ContactID : undefined;
  return contactId ? books.records.Contacts.get(contactId) : [...books.records.Contacts.values()].find((x) => x.data.Name === c?.Name);
}

/** Line amounts, tax and totals as Xero computes them for invoices, credit notes and bank transactions. */
function lineTotals(books: XeroBooks, d: Data) {
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
  return { LineAmountTypes: lineAmountTypes, LineItems: lines, SubTotal: subTotal, TotalTax: totalTax, Total: round2(subTotal + totalTax) };
}

/** What a line says (not its computed or generated fields), to tell whether lines were edited. */
const lineKey = (lines: unknown) => JSON.stringify((Array.isArray(lines) ? lines : []).map((raw) => {
  const l = obj(raw) ?? {};
  return [l.Description ?? null, num(l.Quantity, 1), num(l.UnitAmount), l.AccountCode ?? null, l.ItemCode ?? null, l.TaxType ?? null];
}));

/** Xero's status rules for invoices and credit notes: PAID only through payments, void/delete rules, locked states. */
function statusRules(kind: "Invoice" | "CreditNote", next: Data, prev: Data | undefined): string[] {
  const to = String(next.Status ?? "DRAFT");
  const from = prev ? String(prev.Status) : undefined;
  const allocated = !!prev && (kind === "Invoice" ? num(prev.AmountPaid) + num(prev.AmountCredited) > 0 : num(prev.Total) - num(prev.RemainingCredit ?? prev.Total) > 0);
  if (!prev) {
    if (to === "PAID") return [`${kind} Status cannot be set to PAID: a document is paid by applying payments to it.`];
    if (to === "VOIDED" || to === "DELETED") return [`A new ${kind.toLowerCase()} cannot be created with status ${to}.`];
    return [];
  }
  if (from && LOCKED.includes(from)) {
    // A paid document may still take non-financial edits (reference, notes); its lines and status are locked.
    if (from === "PAID" && to === "PAID" && lineKey(next.LineItems) === lineKey(prev.LineItems)) return [];
    return [NOT_MODIFIABLE];
  }
  if (to === "PAID") return [`${kind} Status cannot be set to PAID: a document is paid by applying payments to it.`];
  if (to === "VOIDED") {
    if (from !== "AUTHORISED") return [`Only an AUTHORISED ${kind.toLowerCase()} can be voided; delete a ${String(from)} one instead.`];
    if (allocated) return [HAS_PAYMENTS];
  }
  if (to === "DELETED" && from !== "DRAFT" && from !== "SUBMITTED") return [`Only a DRAFT or SUBMITTED ${kind.toLowerCase()} can be deleted; void an ${String(from)} one instead.`];
  if (allocated && lineKey(next.LineItems) !== lineKey(prev.LineItems)) return [HAS_PAYMENTS];
  if ((to === "DRAFT" || to === "SUBMITTED") && from === "AUTHORISED") return [`An AUTHORISED ${kind.toLowerCase()} cannot be set back to ${to}.`];
  return [];
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

function bankTransaction(books: XeroBooks, d: Data, prev?: Data) {
  const errors: string[] = [];
  if (prev?.Status === "DELETED" || prev?.Status === "VOIDED") return { data: d, errors: ["This bank transaction has been deleted and cannot be modified."] };
  if (d.Type !== "SPEND" && d.Type !== "RECEIVE") errors.push("BankTransaction Type must be SPEND or RECEIVE (overpayments, prepayments and transfers have their own endpoints).");
  if (!findContact(books, d)) errors.push("A Contact must be specified for this type of transaction");
  const ba = obj(d.BankAccount);
  const bank = [...books.records.Accounts.values()].find((a) => a.id === ba?.AccountID || (ba?.Code !== undefined && a.data.Code === ba?.Code));
  if (!bank) errors.push("A valid BankAccount must be specified (AccountID or Code).");
  else if (bank.data.Type !== "BANK") errors.push(`Account ${String(bank.data.Code)} is not a bank account.`);
  if (!Array.isArray(d.LineItems) || !d.LineItems.length) errors.push("At least one line item is required.");
  for (const raw of Array.isArray(d.LineItems) ? d.LineItems : []) {
    const code = obj(raw)?.AccountCode;
    if (code === undefined) errors.push("Each line item needs an AccountCode.");
    else if (![...books.records.Accounts.values()].some((a) => a.data.Code === code)) errors.push(`Account code '${String(code)}' is not a valid code for this document.`);
  }
  if (d.Status !== undefined && d.Status !== "AUTHORISED" && !(prev && d.Status === "DELETED")) errors.push(`BankTransaction Status ${String(d.Status)} is not valid here.`);
  if (d.Date !== undefined && !day(d.Date)) errors.push("Date is not a valid date.");
  if (errors.length) return { data: d, errors };
  const c = findContact(books, d)!;
  return {
    errors: [],
    data: {
      Status: "AUTHORISED", IsReconciled: false, CurrencyCode: books.tenant.currency, CurrencyRate: 1, HasAttachments: false,
      ...d,
      Contact: { ContactID: c.id, Name: c.data.Name },
      BankAccount: { AccountID: bank!.id, Code: bank!.data.Code, Name: bank!.data.Name },
      Date: day(d.Date) ?? msDay(Date.now()),
      ...lineTotals(books, d),
    },
  };
}

function creditNote(books: XeroBooks, d: Data, prev?: Data) {
  const errors: string[] = [];
  if (d.Type !== "ACCRECCREDIT" && d.Type !== "ACCPAYCREDIT") errors.push("CreditNote Type must be ACCRECCREDIT or ACCPAYCREDIT.");
  if (!findContact(books, d)) errors.push("A Contact must be specified for this type of transaction");
  if (d.Date !== undefined && !day(d.Date)) errors.push("Date is not a valid date.");
  if (typeof d.Status === "string" && !["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"].includes(d.Status)) errors.push(`CreditNote Status ${d.Status} is not valid.`);
  const totals = lineTotals(books, d);
  if (!errors.length) errors.push(...statusRules("CreditNote", { ...d, LineItems: totals.LineItems }, prev));
  if (errors.length) return { data: d, errors };
  const c = findContact(books, d)!;
  const allocated = round2(((Array.isArray(d.Allocations) ? d.Allocations : []) as Data[]).reduce((s, a) => s + num(a.Amount), 0));
  return {
    errors: [],
    data: {
      Status: "DRAFT", CurrencyCode: books.tenant.currency, CurrencyRate: 1, HasAttachments: false, Allocations: [], Payments: [],
      ...d,
      Contact: { ContactID: c.id, Name: c.data.Name },
      Date: day(d.Date) ?? msDay(Date.now()),
      ...totals,
      RemainingCredit: round2(totals.Total - allocated),
      CreditNoteNumber: typeof d.CreditNoteNumber === "string" && d.CreditNoteNumber ? d.CreditNoteNumber : `CN-${String(books.records.CreditNotes.size + 1).padStart(4, "0")}`,
    },
  };
}

/**
 * Allocates part of an AUTHORISED credit note to an AUTHORISED invoice of the same contact and
 * kind: the invoice's AmountCredited/AmountDue/CreditNotes[] and the note's RemainingCredit/
 * Allocations[] move together (both PAID when nothing is left). Returns Xero's messages on refusal.
 */
export function allocateCredit(books: XeroBooks, noteId: string, raw: Data, at = Date.now()): { allocation?: Data; errors: string[] } {
  const note = books.records.CreditNotes.get(noteId);
  const inv = books.records.Invoices.get(String(obj(raw.Invoice)?.InvoiceID));
  const amount = num(raw.Amount, NaN);
  const errors: string[] = [];
  if (!note) return { errors: ["Credit note could not be found"] };
  if (!inv) errors.push("Invoice could not be found");
  if (!(amount > 0)) errors.push("Allocation amount must be greater than zero");
  if (note.data.Status !== "AUTHORISED") errors.push("Only an AUTHORISED credit note can be allocated.");
  if (inv && inv.data.Status !== "AUTHORISED") errors.push(`Credits can only be allocated to AUTHORISED invoices (this invoice is ${String(inv.data.Status)}).`);
  if (inv && obj(inv.data.Contact)?.ContactID !== obj(note.data.Contact)?.ContactID) errors.push("The invoice and the credit note must belong to the same contact.");
  if (inv && (inv.data.Type === "ACCREC") !== (note.data.Type === "ACCRECCREDIT")) errors.push("A sales credit note applies to a sales invoice, a purchase one to a bill.");
  if (amount > num(note.data.RemainingCredit) + 1e-9) errors.push("The allocation amount exceeds the remaining credit.");
  if (inv && amount > num(inv.data.AmountDue) + 1e-9) errors.push("The allocation amount exceeds the amount due on the invoice.");
  if (errors.length || !inv) return { errors };
  const date = day(raw.Date) ?? msDay(at);
  const allocation = { AllocationID: randomUUID(), Amount: amount, Date: date, Invoice: { InvoiceID: inv.id, InvoiceNumber: inv.data.InvoiceNumber }, CreditNote: { CreditNoteID: note.id, CreditNoteNumber: note.data.CreditNoteNumber }, IsDeleted: false };
  const remaining = round2(num(note.data.RemainingCredit) - amount);
  books.set("CreditNotes", { ...note, updatedAt: at, data: { ...note.data, RemainingCredit: remaining, Allocations: [...(note.data.Allocations as Data[] ?? []), allocation], ...(remaining <= 0 ? { Status: "PAID", FullyPaidOnDate: date } : {}) } });
  const credited = round2(num(inv.data.AmountCredited) + amount);
  const due = round2(num(inv.data.Total) - num(inv.data.AmountPaid) - credited);
  const noteRef = { CreditNoteID: note.id, CreditNoteNumber: note.data.CreditNoteNumber, Total: note.data.Total, AppliedAmount: amount, Date: date };
  books.set("Invoices", { ...inv, updatedAt: at, data: { ...inv.data, AmountCredited: credited, AmountDue: Math.max(0, due), CreditNotes: [...(inv.data.CreditNotes as Data[] ?? []), noteRef], ...(due <= 0 ? { Status: "PAID", FullyPaidOnDate: date } : {}) } });
  return { allocation, errors: [] };
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
