import { day, findContact, lineTotals, obj, type Data } from "./lines";
import { msDay } from "./dates";
import type { XeroBooks } from "./store";

/** Bank transactions (SPEND / RECEIVE) as Xero validates and books them. */
export function bankTransaction(books: XeroBooks, d: Data, prev?: Data) {
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
