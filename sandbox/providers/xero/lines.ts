import { randomUUID } from "node:crypto";
import type { XeroBooks } from "./store";
import { msDay, parseXeroDate } from "./dates";

/** Shared by invoices, credit notes and bank transactions: line math, contact lookup and Xero's status rules. */

export type Data = Record<string, unknown>;
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const num = (v: unknown, d = 0) => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : d);
export const obj = (v: unknown): Data | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Data) : undefined);

/** A date a client sent (ISO, YYYY-MM-DD or `/Date()/`) as Xero stores it, or undefined. */
export function day(v: unknown): string | undefined {
  const ms = parseXeroDate(v);
  return Number.isNaN(ms) ? undefined : msDay(ms);
}

/** Xero refuses any change to an invoice in these states. */
const LOCKED = ["PAID", "VOIDED", "DELETED"];
const NOT_MODIFIABLE = "Invoice not of valid status for modification";
const HAS_PAYMENTS = "This document cannot be edited as it has a payment or credit note allocated to it.";

/** The contact a document names, by ContactID or else by Name. */
export function findContact(books: XeroBooks, d: Data) {
  const c = obj(d.Contact);
  const contactId = typeof c?.ContactID === "string" ? c.ContactID : undefined;
  return contactId ? books.records.Contacts.get(contactId) : [...books.records.Contacts.values()].find((x) => x.data.Name === c?.Name);
}

/** Line amounts, tax and totals as Xero computes them for invoices, credit notes and bank transactions. */
export function lineTotals(books: XeroBooks, d: Data) {
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
export const lineKey = (lines: unknown) => JSON.stringify((Array.isArray(lines) ? lines : []).map((raw) => {
  const l = obj(raw) ?? {};
  return [l.Description ?? null, num(l.Quantity, 1), num(l.UnitAmount), l.AccountCode ?? null, l.ItemCode ?? null, l.TaxType ?? null];
}));

/** Xero's status rules for invoices and credit notes: PAID only through payments, void/delete rules, locked states. */
export function statusRules(kind: "Invoice" | "CreditNote", next: Data, prev: Data | undefined): string[] {
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
