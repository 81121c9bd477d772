import { describe, expect, it } from "vitest";
import { AccountingRuleError } from "./errors";
import { formStateForError } from "./form-errors";
import { invoiceFormSchema, paymentFormSchema } from "./form-schemas";

describe("invoice form schema", () => {
  it("turns typed text into the domain's numbers", () => {
    const parsed = invoiceFormSchema("USD").parse({
      customerId: "c1", issueDate: "2025-01-01", dueDate: "2025-01-31",
      lines: [{ description: "Work", quantity: "1.5", unitPrice: "1,200.50", taxRateId: "" }],
    });
    expect(parsed.lines[0]).toEqual({ description: "Work", quantity: 1.5, unitPrice: 120050, taxRateId: null });
    expect(parsed.send).toBe(false);
  });

  it("reports bad lines under their own dotted field path", () => {
    const r = invoiceFormSchema("USD").safeParse({
      customerId: "", issueDate: "2025-01-01", dueDate: "soon",
      lines: [{ description: "ok", quantity: "1", unitPrice: "1" }, { description: "x", quantity: "two", unitPrice: "1.999" }],
    });
    expect(r.success).toBe(false);
    const state = formStateForError(r.error);
    expect(Object.keys(state!.fieldErrors!).sort()).toEqual(["customerId", "dueDate", "lines.1.quantity", "lines.1.unitPrice"]);
    expect(state!.fieldErrors!["lines.1.unitPrice"]).toEqual(["Unit price must be a number with at most 2 decimals"]);
  });
});

describe("payment form schema and rule errors", () => {
  it("refuses a zero amount and maps a rule error to its field", () => {
    expect(paymentFormSchema("USD").safeParse({ amount: "0", paidAt: "2025-01-01", method: "card" }).success).toBe(false);
    expect(paymentFormSchema("USD").parse({ amount: "10", paidAt: "2025-01-01", method: "card" }).amount).toBe(1000);
    const state = formStateForError(new AccountingRuleError("overpayment", "Too much", "amount"));
    expect(state).toMatchObject({ ok: false, message: "Too much", fieldErrors: { amount: ["Too much"] } });
    expect(formStateForError(new Error("db down"))).toBeNull();
  });
});

describe("form messages name the field and the limit (issue 9.5)", () => {
  const form = (lines: { description?: string; quantity: string; unitPrice: string }[], currency = "USD") =>
    invoiceFormSchema(currency).safeParse({
      customerId: "c1", issueDate: "2025-01-01", dueDate: "2025-01-31",
      lines: lines.map((l) => ({ description: "Work", ...l })),
    });
  const errors = (r: ReturnType<typeof form>) => (r.success ? {} : formStateForError(r.error)!.fieldErrors!);

  it("says 'Quantity must be greater than 0' for a negative quantity", () => {
    expect(errors(form([{ quantity: "-2", unitPrice: "1" }]))["lines.0.quantity"]).toEqual(["Quantity must be greater than 0"]);
    expect(errors(form([{ quantity: "1.23456", unitPrice: "1" }]))["lines.0.quantity"]).toEqual([
      "Quantity must be a number with at most 4 decimals",
    ]);
  });

  it("states the unit price limit in the invoice's currency", () => {
    expect(errors(form([{ quantity: "1", unitPrice: "123456789012345" }]))["lines.0.unitPrice"]).toEqual([
      "Unit price must be at most 99,999,999.99",
    ]);
    expect(errors(form([{ quantity: "1", unitPrice: "99999999999" }], "JPY"))["lines.0.unitPrice"]).toEqual([
      "Unit price must be at most 9,999,999,999",
    ]);
  });

  it("parses prices with the currency's own decimals", () => {
    const jpy = invoiceFormSchema("JPY").parse({
      customerId: "c1", issueDate: "2025-01-01", dueDate: "2025-01-31",
      lines: [{ description: "Work", quantity: "1", unitPrice: "12,000" }],
    });
    expect(jpy.lines[0]!.unitPrice).toBe(12000);
    expect(errors(form([{ quantity: "1", unitPrice: "12.5" }], "JPY"))["lines.0.unitPrice"]).toEqual(["Unit price must be a whole number"]);
    expect(paymentFormSchema("BHD").parse({ amount: "1.005", paidAt: "2025-01-01", method: "card" }).amount).toBe(1005);
  });

  it("refuses 1,000,000 × 99,999,999.99 as a line amount past the limit", () => {
    expect(errors(form([{ quantity: "1000000", unitPrice: "99,999,999.99" }]))["lines.0.quantity"]).toEqual([
      "Line amount must be at most 9,999,999,999,999.99",
    ]);
  });
});
