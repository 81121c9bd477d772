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
const duplicate = (id: string): QboFault => ({ status: 400, code: "6240", message: "Duplicate Name Exists Error", detail: `The name supplied already exists. : Id=${id}` });

/** Validates and completes an entity the way QuickBooks does on save. `selfId` is set on update. */
export function buildEntity(c: QboCompany, entity: QboEntity, input: Data, selfId?: string): Built {
  switch (entity) {
    case "Customer": return customer(c, input, selfId);
    case "Item": return item(c, input, selfId);
    case "Invoice": return invoiceFromInput(c, input);
    case "Payment": return payment(c, input, selfId);
  }
}

function customer(c: QboCompany, d: Data, selfId?: string): Built {
  const names = [d.GivenName, d.FamilyName, d.CompanyName].filter((x): x is string => typeof x === "string" && !!x.trim());
  const display = typeof d.DisplayName === "string" && d.DisplayName.trim() ? d.DisplayName : names.join(" ");
  if (!display) return { error: missing("DisplayName") };
  const dup = c.live("Customer").find((r) => r.id !== selfId && String(r.data.DisplayName).toLowerCase() === display.toLowerCase());
  if (dup) return { error: duplicate(dup.id) };
  return { data: { Active: true, Taxable: false, Job: false, BillWithParent: false, Balance: 0, BalanceWithJobs: 0, PreferredDeliveryMethod: "Print", CurrencyRef: { value: "USD", name: "United States Dollar" }, ...d, DisplayName: display, FullyQualifiedName: display, PrintOnCheckName: d.PrintOnCheckName ?? display } };
}

function item(c: QboCompany, d: Data, selfId?: string): Built {
  if (typeof d.Name !== "string" || !d.Name.trim()) return { error: missing("Name") };
  const type = typeof d.Type === "string" ? d.Type : "Service";
  if ((type === "Service" || type === "NonInventory") && !obj(d.IncomeAccountRef)?.value) return { error: missing("IncomeAccountRef") };
  const dup = c.live("Item").find((r) => r.id !== selfId && String(r.data.Name).toLowerCase() === String(d.Name).toLowerCase());
  if (dup) return { error: duplicate(dup.id) };
  return { data: { Active: true, Taxable: false, TrackQtyOnHand: false, UnitPrice: 0, ...d, Type: type, FullyQualifiedName: d.Name } };
}

/** Lines with amounts and ids, a SubTotal line, totals and balance, as QuickBooks computes them. */
export function invoiceFromInput(c: QboCompany, d: Data): Built {
  const ref = obj(d.CustomerRef);
  if (!ref?.value) return { error: missing("CustomerRef") };
  const cust = c.records.Customer.get(String(ref.value));
  if (!cust || cust.deleted) return { error: invalidRef("Customer", ref.value) };
  const rawLines = (Array.isArray(d.Line) ? d.Line : []).map(obj).filter((l): l is Data => !!l && l.DetailType !== "SubTotalLineDetail");
  if (!rawLines.length) return { error: missing("Line") };
  const lines: Data[] = [];
  for (const [i, l] of rawLines.entries()) {
    const detail = obj(l.SalesItemLineDetail);
    if (l.DetailType === "SalesItemLineDetail" && detail) {
      const itemRef = obj(detail.ItemRef);
      const it = itemRef?.value ? c.records.Item.get(String(itemRef.value)) : undefined;
      if (itemRef?.value && (!it || it.deleted)) return { error: invalidRef("Item", itemRef.value) };
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
  const paid = typeof d.TotalAmt === "number" && typeof d.Balance === "number" ? round2(d.TotalAmt - d.Balance) : 0;
  return {
    data: {
      EmailStatus: "NotSet", PrintStatus: "NotSet", AllowOnlineCreditCardPayment: false, AllowOnlineACHPayment: false, ApplyTaxAfterDiscount: false,
      CurrencyRef: { value: "USD", name: "United States Dollar" }, TxnTaxDetail: { TotalTax: 0 }, DocNumber: String(1000 + c.records.Invoice.size + 1),
      ...d,
      CustomerRef: { value: cust.id, name: cust.data.DisplayName },
      TxnDate: txnDate, DueDate: typeof d.DueDate === "string" ? d.DueDate : qboDate(Date.parse(txnDate) + 30 * 86400000),
      Line: [...lines, { Amount: total, DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} }],
      TotalAmt: total, Balance: Math.max(0, round2(total - paid)),
      ...(obj(cust.data.PrimaryEmailAddr) && !d.BillEmail ? { BillEmail: cust.data.PrimaryEmailAddr } : {}),
    },
  };
}

function payment(c: QboCompany, d: Data, selfId?: string): Built {
  const ref = obj(d.CustomerRef);
  if (!ref?.value) return { error: missing("CustomerRef") };
  const cust = c.records.Customer.get(String(ref.value));
  if (!cust || cust.deleted) return { error: invalidRef("Customer", ref.value) };
  if (typeof d.TotalAmt !== "number") return { error: missing("TotalAmt") };
  let applied = 0;
  const lines = (Array.isArray(d.Line) ? d.Line : []).map(obj).filter((l): l is Data => !!l);
  for (const l of lines) {
    for (const link of (Array.isArray(l.LinkedTxn) ? l.LinkedTxn : []).map(obj)) {
      const inv = link?.TxnType === "Invoice" ? c.records.Invoice.get(String(link.TxnId)) : undefined;
      if (!inv || inv.deleted) return { error: invalidRef("Invoice", link?.TxnId) };
      // Only a new payment moves invoice balances; an edit of an existing one leaves them (sandbox simplification).
      if (!selfId) {
        inv.data.Balance = Math.max(0, round2(num(inv.data.Balance) - num(l.Amount)));
        inv.syncToken += 1;
        inv.updated = Date.now();
      }
      applied += num(l.Amount);
    }
  }
  return {
    data: {
      ProcessPayment: false, CurrencyRef: { value: "USD", name: "United States Dollar" }, TxnDate: qboDate(Date.now()), ...d,
      CustomerRef: { value: cust.id, name: cust.data.DisplayName }, Line: lines, UnappliedAmt: Math.max(0, round2(d.TotalAmt - applied)),
    },
  };
}
