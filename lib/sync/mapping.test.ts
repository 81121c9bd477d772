import { describe, expect, it } from "vitest";
import { defaultMappings } from "./default-mappings";
import { getPath, mapPull, mapPush, mappingFor, MappingError, validateMapping } from "./mapping";

describe("field mapping", () => {
  it("accepts every provider's default mapping", () => {
    for (const [provider, entities] of Object.entries(defaultMappings)) {
      for (const entity of Object.keys(entities)) expect(() => mappingFor(provider, entity as "customers", undefined), `${provider} ${entity}`).not.toThrow();
    }
  });

  it("refuses an unknown local or provider field with its path", () => {
    const bad = { fields: [{ local: "name", remote: "DisplayName" }, { local: "nickname", remote: "GivenName" }] };
    expect(() => validateMapping("quickbooks", "customers", bad)).toThrow(new MappingError("fields.1.local", 'unknown field "nickname"; known: name, email, phone, address, taxNumber, currency'));
    const badRemote = { fields: [{ local: "name", remote: "DisplayName" }, { local: "email", remote: "PrimaryEmailAddr.Adress" }] };
    expect(() => validateMapping("quickbooks", "customers", badRemote)).toThrow(/^fields\.1\.remote: unknown quickbooks field "PrimaryEmailAddr.Adress"$/);
  });

  it("refuses a mapping that leaves a required field without a pull", () => {
    const noName = { fields: [{ local: "email", remote: "EmailAddress" }, { local: "name", remote: "Name", direction: "push" }] };
    expect(() => validateMapping("xero", "customers", noName)).toThrow(/^fields\.name: "name" is required/);
  });

  it("maps nested paths both ways, with money, dates, lookups and refs", () => {
    const m = mappingFor("xero", "invoices");
    const raw = {
      InvoiceNumber: "INV-7", Status: "AUTHORISED", CurrencyCode: "GBP", Date: "/Date(1767225600000+0000)/", DueDate: "/Date(1769904000000+0000)/",
      SubTotal: 100.5, TotalTax: 10.05, Total: 110.55, AmountPaid: 0, Reference: "PO 1", Contact: { ContactID: "c-1" },
      LineItems: [{ Description: "Work", Quantity: 2, UnitAmount: 50.25, LineAmount: 100.5, TaxAmount: 10.05 }],
    };
    const local = mapPull(m, raw, (_e, id) => (id === "c-1" ? "local-c1" : undefined));
    expect(local).toMatchObject({
      number: "INV-7", status: "sent", currency: "GBP", issueDate: "2026-01-01", dueDate: "2026-02-01", total: 11055, customerId: "local-c1",
      lines: [{ description: "Work", quantity: 2, unitPrice: 5025, amount: 10050, taxAmount: 1005 }],
    });
    const body = mapPush(m, local, (_e, id) => (id === "local-c1" ? "c-1" : undefined));
    expect(body).toEqual({
      Type: "ACCREC", InvoiceNumber: "INV-7", Contact: { ContactID: "c-1" }, Status: "AUTHORISED", CurrencyCode: "GBP", Date: "2026-01-01",
      DueDate: "2026-02-01", Reference: "PO 1", LineAmountTypes: "Exclusive",
      LineItems: [{ Description: "Work", Quantity: 2, UnitAmount: 50.25, TaxType: "NONE" }],
    });
    expect(getPath({ Addresses: [{ City: "Leeds" }] }, "Addresses[0].City")).toBe("Leeds");
  });

  it("derives QuickBooks' amount paid and paid status from TotalAmt and Balance", () => {
    const local = mapPull(mappingFor("quickbooks", "invoices"), { TotalAmt: 200, Balance: 0, TxnTaxDetail: { TotalTax: 20 }, Line: [] }, () => undefined);
    expect(local).toMatchObject({ status: "paid", total: 20000, amountPaid: 20000, subtotal: 18000, taxTotal: 2000 });
    expect(mapPull(mappingFor("quickbooks", "invoices"), { TotalAmt: 200, Balance: 50 }, () => undefined)).toMatchObject({ status: "sent", amountPaid: 15000 });
  });
});
