import { randomUUID } from "node:crypto";
import { day, findContact, lineTotals, num, obj, round2, statusRules, type Data } from "./lines";
import { msDay } from "./dates";
import type { XeroBooks } from "./store";

/** Credit notes (ACCRECCREDIT / ACCPAYCREDIT) as Xero validates and books them. */
export function creditNote(books: XeroBooks, d: Data, prev?: Data) {
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
