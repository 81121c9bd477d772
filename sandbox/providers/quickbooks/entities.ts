import type { QboCompany, QboEntity } from "./store";
import { qboDate } from "./time";

type Data = Record<string, unknown>;

/** A QuickBooks error, rendered as the Fault shape by the API layer. */
export type QboFault = { status: number; code: string; message: string; detail: string; type?: string; element?: string };
type Built = { data: Data } | { error: QboFault };

const round2 = (n: number) => Math.round(n * 100) / 100;
const obj = (v: unknown): Data | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Data) : undefined);
const num = (v: unknown, d = 0) => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v !== "" && !Number.isNaN(Number(v)) ? Number(v) : d);

export const missing = (param: string): QboFault => ({
  status: 400, code: "2020", message: "Required param missing, need to supply the required value for the API", detail: `Required parameter ${param} is missing in the request`, element: param,
});
const invalidRef = (what: string, id: unknown): QboFault => ({
  status: 400, code: "2500", message: "Invalid Reference Id", detail: `Invalid Reference Id : ${what} assigned to this transaction has been deleted or does not exist: Id=${String(id)}`,
});
const inactive = (what: string, id: string): QboFault => ({
  status: 400, code: "610", message: "Object Not Found", detail: `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${what} ${id})`,
});
const duplicate = (id: string): QboFault => ({ status: 400, code: "6240", message: "Duplicate Name Exists Error", detail: `The name supplied already exists. : Id=${id}` });

/** Validates and completes an entity the way QuickBooks does on save. `selfId` is set on update. */
export function buildEntity(c: QboCompany, entity: QboEntity, input: Data, selfId?: string): Built {
  switch (entity) {
    case "Customer": return customer(c, input, selfId);
    case "Item": return item(c, input, selfId);
    case "Invoice": return invoiceFromInput(c, input, selfId);
    case "Payment": return payment(c, input, selfId);
    case "Vendor": return vendor(c, input, selfId);
    case "Purchase": return purchase(c, input);
    case "Account": return account(c, input, selfId);
    case "Term": return term(input);
    case "TaxCode": case "TaxRate":
      return { error: { status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `${entity} is read-only here; QuickBooks creates tax codes and rates through the TaxService endpoint.` } };
  }
}

const business = (detail: string): QboFault => ({ status: 400, code: "6000", message: "A business validation error has occurred while processing your request", detail: `Business Validation Error: ${detail}` });

/** A live account by reference, or undefined. */
const liveAccount = (c: QboCompany, ref: unknown) => {
  const v = obj(ref)?.value;
  const a = v === undefined ? undefined : c.records.Account.get(String(v));
  return a && !a.deleted ? a : undefined;
};

function customer(c: QboCompany, d: Data, selfId?: string): Built {
  const names = [d.GivenName, d.FamilyName, d.CompanyName].filter((x): x is string => typeof x === "string" && !!x.trim());
  const display = typeof d.DisplayName === "string" && d.DisplayName.trim() ? d.DisplayName : names.join(" ");
  if (!display) return { error: missing("DisplayName") };
  const dup = nameTaken(c, display, selfId);
  if (dup) return { error: duplicate(dup.id) };
  return { data: { Active: true, Taxable: false, Job: false, BillWithParent: false, Balance: 0, BalanceWithJobs: 0, PreferredDeliveryMethod: "Print", CurrencyRef: { value: "USD", name: "United States Dollar" }, ...d, DisplayName: display, FullyQualifiedName: display, PrintOnCheckName: d.PrintOnCheckName ?? display } };
}

function item(c: QboCompany, d: Data, selfId?: string): Built {
  if (typeof d.Name !== "string" || !d.Name.trim()) return { error: missing("Name") };
  const type = typeof d.Type === "string" ? d.Type : "Service";
  if ((type === "Service" || type === "NonInventory") && !obj(d.IncomeAccountRef)?.value) return { error: missing("IncomeAccountRef") };
  // Every account an item names must exist (and be active).
  for (const field of ["IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"]) {
    const ref = obj(d[field]);
    if (ref?.value === undefined) continue;
    const a = liveAccount(c, ref);
    if (!a || a.data.Active === false) return { error: invalidRef("Account", ref.value) };
    d = { ...d, [field]: { value: a.id, name: a.data.Name } };
  }
  const dup = c.live("Item").find((r) => r.id !== selfId && String(r.data.Name).toLowerCase() === String(d.Name).toLowerCase());
  if (dup) return { error: duplicate(dup.id) };
  return { data: { Active: true, Taxable: false, TrackQtyOnHand: false, UnitPrice: 0, ...d, Type: type, FullyQualifiedName: d.Name } };
}

/** Lines with amounts and ids, a SubTotal line, totals and balance, as QuickBooks computes them. */
export function invoiceFromInput(c: QboCompany, d: Data, selfId?: string): Built {
  const ref = obj(d.CustomerRef);
  if (!ref?.value) return { error: missing("CustomerRef") };
  const cust = c.records.Customer.get(String(ref.value));
  if (!cust || cust.deleted) return { error: invalidRef("Customer", ref.value) };
  if (cust.data.Active === false) return { error: inactive("Customer", cust.id) };
  const rawLines = (Array.isArray(d.Line) ? d.Line : []).map(obj).filter((l): l is Data => !!l && l.DetailType !== "SubTotalLineDetail");
  if (!rawLines.length) return { error: missing("Line") };
  const lines: Data[] = [];
  for (const [i, l] of rawLines.entries()) {
    const detail = obj(l.SalesItemLineDetail);
    if (l.DetailType === "SalesItemLineDetail" && detail) {
      const itemRef = obj(detail.ItemRef);
      const it = itemRef?.value ? c.records.Item.get(String(itemRef.value)) : undefined;
      if (itemRef?.value && (!it || it.deleted)) return { error: invalidRef("Item", itemRef.value) };
      if (it && it.data.Active === false) return { error: inactive("Item", it.id) };
      const qty = num(detail.Qty, 1);
      const unit = num(detail.UnitPrice, num(it?.data.UnitPrice));
      lines.push({
        ...l, Id: String(i + 1), LineNum: i + 1, Amount: round2(num(l.Amount, qty * unit)),
        SalesItemLineDetail: { TaxCodeRef: { value: "NON" }, ...detail, ...(it ? { ItemRef: { value: it.id, name: it.data.Name } } : {}), Qty: qty, UnitPrice: unit },
      });
    } else {
      if (typeof l.Amount !== "number") return { error: missing("Line.Amount") };
      lines.push({ ...l, Id: String(i + 1), LineNum: i + 1 });
    }
  }
  const total = round2(lines.reduce((s, l) => s + num(l.Amount), 0));
  const txnDate = typeof d.TxnDate === "string" ? d.TxnDate : qboDate(Date.now());
  // What is paid comes from the payments linked to the invoice (a stored one), never from the client.
  const links = selfId ? paymentsOf(c, selfId) : [];
  const paid = selfId ? round2(links.reduce((s, l) => s + l.amount, 0)) : typeof d.TotalAmt === "number" && typeof d.Balance === "number" ? round2(d.TotalAmt - d.Balance) : 0;
  if (paid > total + 1e-9) return { error: business(`The invoice total (${total}) cannot be less than the payments applied to it (${paid}).`) };
  return {
    data: {
      EmailStatus: "NotSet", PrintStatus: "NotSet", AllowOnlineCreditCardPayment: false, AllowOnlineACHPayment: false, ApplyTaxAfterDiscount: false,
      CurrencyRef: { value: "USD", name: "United States Dollar" }, TxnTaxDetail: { TotalTax: 0 }, DocNumber: String(1000 + c.records.Invoice.size + 1),
      ...d,
      CustomerRef: { value: cust.id, name: cust.data.DisplayName },
      TxnDate: txnDate, DueDate: typeof d.DueDate === "string" ? d.DueDate : qboDate(Date.parse(txnDate) + 30 * 86400000),
      Line: [...lines, { Amount: total, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} }],
      TotalAmt: total, Balance: Math.max(0, round2(total - paid)),
      ...(links.length ? { LinkedTxn: links.map((l) => ({ TxnId: l.paymentId, TxnType: "Payment" })) } : selfId ? { LinkedTxn: [] } : {}),
      ...(obj(cust.data.PrimaryEmailAddr) && !d.BillEmail ? { BillEmail: cust.data.PrimaryEmailAddr } : {}),
    },
  };
}

/** The invoices a payment's lines apply to, with amounts. */
function paymentLinks(d: Data): { invoiceId: string; amount: number }[] {
  const out: { invoiceId: string; amount: number }[] = [];
  for (const l of (Array.isArray(d.Line) ? d.Line : []).map(obj)) {
    for (const link of (Array.isArray(l?.LinkedTxn) ? l.LinkedTxn : []).map(obj)) {
      if (link?.TxnType === "Invoice") out.push({ invoiceId: String(link.TxnId), amount: num(l?.Amount) });
    }
  }
  return out;
}

/** The live payments applied to an invoice, oldest first. */
export function paymentsOf(c: QboCompany, invoiceId: string): { paymentId: string; amount: number }[] {
  const out: { paymentId: string; amount: number }[] = [];
  for (const p of c.live("Payment")) for (const l of paymentLinks(p.data)) if (l.invoiceId === invoiceId) out.push({ paymentId: p.id, amount: l.amount });
  return out;
}

/**
 * Recomputes the Balance and LinkedTxn of invoices after their payments changed (a payment was
 * created, updated or deleted), as QuickBooks does; each changed invoice gets a new SyncToken.
 */
export function relinkInvoices(c: QboCompany, invoiceIds: Iterable<string>, at = Date.now()) {
  for (const id of new Set(invoiceIds)) {
    const inv = c.records.Invoice.get(id);
    if (!inv || inv.deleted) continue;
    const links = paymentsOf(c, id);
    const paid = round2(links.reduce((s, l) => s + l.amount, 0));
    inv.data = { ...inv.data, Balance: Math.max(0, round2(num(inv.data.TotalAmt) - paid)), LinkedTxn: links.map((l) => ({ TxnId: l.paymentId, TxnType: "Payment" })) };
    inv.syncToken += 1;
    inv.updated = at;
  }
}

/** The invoices a stored payment applies to (to relink them after it changes). */
export const linkedInvoiceIds = (d: Data | undefined) => (d ? paymentLinks(d).map((l) => l.invoiceId) : []);

function payment(c: QboCompany, d: Data, selfId?: string): Built {
  const ref = obj(d.CustomerRef);
  if (!ref?.value) return { error: missing("CustomerRef") };
  const cust = c.records.Customer.get(String(ref.value));
  if (!cust || cust.deleted) return { error: invalidRef("Customer", ref.value) };
  if (cust.data.Active === false) return { error: inactive("Customer", cust.id) };
  if (typeof d.TotalAmt !== "number") return { error: missing("TotalAmt") };
  if (d.TotalAmt < 0) return { error: business("A payment amount cannot be negative.") };
  const lines = (Array.isArray(d.Line) ? d.Line : []).map(obj).filter((l): l is Data => !!l);
  const previous = selfId ? c.records.Payment.get(selfId) : undefined;
  const before = previous ? paymentLinks(previous.data) : [];
  let applied = 0;
  const perInvoice = new Map<string, number>();
  for (const l of lines) {
    for (const link of (Array.isArray(l.LinkedTxn) ? l.LinkedTxn : []).map(obj)) {
      const inv = link?.TxnType === "Invoice" ? c.records.Invoice.get(String(link.TxnId)) : undefined;
      if (!inv || inv.deleted) return { error: invalidRef("Invoice", link?.TxnId) };
      if (obj(inv.data.CustomerRef)?.value !== cust.id) return { error: business(`Invoice ${inv.id} belongs to another customer than the payment's.`) };
      if (num(l.Amount) < 0) return { error: business("A payment line amount cannot be negative.") };
      perInvoice.set(inv.id, (perInvoice.get(inv.id) ?? 0) + num(l.Amount));
    }
    applied += num(l.Amount);
  }
  // A line may not apply more than the invoice's open balance (plus what this payment already applied to it).
  for (const [invoiceId, amount] of perInvoice) {
    const inv = c.records.Invoice.get(invoiceId)!;
    const open = round2(num(inv.data.Balance) + before.filter((b) => b.invoiceId === invoiceId).reduce((s, b) => s + b.amount, 0));
    if (amount > open + 1e-9) return { error: business(`The amount applied to invoice ${inv.data.DocNumber ?? invoiceId} (${amount}) is more than its open balance (${open}).`) };
  }
  if (applied > d.TotalAmt + 1e-9) return { error: business(`The payment lines apply ${round2(applied)}, more than the payment's total amount (${d.TotalAmt}).`) };
  return {
    data: {
      ProcessPayment: false, CurrencyRef: { value: "USD", name: "United States Dollar" }, TxnDate: qboDate(Date.now()), ...d,
      CustomerRef: { value: cust.id, name: cust.data.DisplayName }, Line: lines, UnappliedAmt: Math.max(0, round2(d.TotalAmt - applied)),
    },
  };
}

/** Display names are unique across customers and vendors (QuickBooks' name list). */
function nameTaken(c: QboCompany, display: string, selfId?: string) {
  return [...c.live("Customer"), ...c.live("Vendor")].find((r) => r.id !== selfId && String(r.data.DisplayName).toLowerCase() === display.toLowerCase());
}

function vendor(c: QboCompany, d: Data, selfId?: string): Built {
  const names = [d.GivenName, d.FamilyName, d.CompanyName].filter((x): x is string => typeof x === "string" && !!x.trim());
  const display = typeof d.DisplayName === "string" && d.DisplayName.trim() ? d.DisplayName : names.join(" ");
  if (!display) return { error: missing("DisplayName") };
  const dup = nameTaken(c, display, selfId);
  if (dup) return { error: duplicate(dup.id) };
  const term = obj(d.TermRef);
  if (term?.value !== undefined && !c.records.Term.get(String(term.value))) return { error: invalidRef("Term", term.value) };
  return { data: { Active: true, Vendor1099: false, Balance: 0, CurrencyRef: { value: "USD", name: "United States Dollar" }, ...d, DisplayName: display, PrintOnCheckName: d.PrintOnCheckName ?? display } };
}

/** An expense (Purchase): paid by Cash/Check from a bank account or by CreditCard, with account-based lines. */
function purchase(c: QboCompany, d: Data): Built {
  const type = d.PaymentType;
  if (type === undefined) return { error: missing("PaymentType") };
  if (type !== "Cash" && type !== "Check" && type !== "CreditCard") return { error: { status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `PaymentType ${String(type)} is not Cash, Check or CreditCard` } };
  const accRef = obj(d.AccountRef);
  if (!accRef?.value) return { error: missing("AccountRef") };
  const acc = liveAccount(c, accRef);
  if (!acc) return { error: invalidRef("Account", accRef.value) };
  const wanted = type === "CreditCard" ? "Credit Card" : "Bank";
  if (acc.data.AccountType !== wanted) return { error: business(`A ${type} purchase is paid from a ${wanted} account; ${String(acc.data.Name)} is ${String(acc.data.AccountType)}.`) };
  const entity = obj(d.EntityRef);
  if (entity?.value !== undefined) {
    const kind = entity.type === "Customer" ? "Customer" : "Vendor";
    const e = c.records[kind].get(String(entity.value));
    if (!e || e.deleted) return { error: invalidRef(kind, entity.value) };
  }
  const raw = (Array.isArray(d.Line) ? d.Line : []).map(obj).filter((l): l is Data => !!l);
  if (!raw.length) return { error: missing("Line") };
  const lines: Data[] = [];
  for (const [i, l] of raw.entries()) {
    if (l.DetailType !== "AccountBasedExpenseLineDetail") return { error: { status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `Line DetailType ${String(l.DetailType)} is not supported here (AccountBasedExpenseLineDetail)` } };
    if (typeof l.Amount !== "number") return { error: missing("Line.Amount") };
    const detail = obj(l.AccountBasedExpenseLineDetail);
    const lineAcc = liveAccount(c, detail?.AccountRef);
    if (!lineAcc) return { error: obj(detail?.AccountRef)?.value === undefined ? missing("AccountBasedExpenseLineDetail.AccountRef") : invalidRef("Account", obj(detail?.AccountRef)?.value) };
    lines.push({ ...l, Id: String(i + 1), LineNum: i + 1, AccountBasedExpenseLineDetail: { BillableStatus: "NotBillable", TaxCodeRef: { value: "NON" }, ...detail, AccountRef: { value: lineAcc.id, name: lineAcc.data.Name } } });
  }
  return {
    data: {
      Credit: false, CurrencyRef: { value: "USD", name: "United States Dollar" }, TxnDate: qboDate(Date.now()), PrintStatus: "NotSet", ...d,
      AccountRef: { value: acc.id, name: acc.data.Name }, Line: lines, TotalAmt: round2(lines.reduce((s, l) => s + num(l.Amount), 0)),
    },
  };
}

function account(c: QboCompany, d: Data, selfId?: string): Built {
  if (typeof d.Name !== "string" || !d.Name.trim()) return { error: missing("Name") };
  if (typeof d.AccountType !== "string" && typeof d.AccountSubType !== "string") return { error: missing("AccountType") };
  const dup = c.live("Account").find((r) => r.id !== selfId && String(r.data.Name).toLowerCase() === String(d.Name).toLowerCase());
  if (dup) return { error: duplicate(dup.id) };
  return { data: { SubAccount: false, Active: true, CurrentBalance: 0, CurrentBalanceWithSubAccounts: 0, CurrencyRef: { value: "USD", name: "United States Dollar" }, ...d, FullyQualifiedName: d.Name } };
}

function term(d: Data): Built {
  if (typeof d.Name !== "string" || !d.Name.trim()) return { error: missing("Name") };
  return { data: { Active: true, Type: "STANDARD", DueDays: 0, DiscountPercent: 0, DiscountDays: 0, ...d } };
}
