import { describe, expect, it } from "vitest";
import { AccountingRuleError } from "./errors";
import { formStateForError } from "./form-errors";
import { invoiceFormSchema, paymentFormSchema } from "./form-schemas";

describe("invoice form schema", () => {
  it("turns typed text into the domain's numbers", () => {
    const parsed = invoiceFormSchema.parse({
      customerId: "c1", issueDate: "2025-01-01", dueDate: "2025-01-31",
      lines: [{ description: "Work", quantity: "1.5", unitPrice: "1,200.50", taxRateId: "" }],
    });
    expect(parsed.lines[0]).toEqual({ description: "Work", quantity: 1.5, unitPrice: 120050, taxRateId: null });
    expect(parsed.send).toBe(false);
  });

  it("reports bad lines under their own dotted field path", () => {
    const r = invoiceFormSchema.safeParse({
      customerId: "", issueDate: "2025-01-01", dueDate: "soon",
      lines: [{ description: "ok", quantity: "1", unitPrice: "1" }, { description: "x", quantity: "two", unitPrice: "1.999" }],
    });
    expect(r.success).toBe(false);
    const state = formStateForError(r.error);
    expect(Object.keys(state!.fieldErrors!).sort()).toEqual(["customerId", "dueDate", "lines.1.quantity", "lines.1.unitPrice"]);
    expect(state!.fieldErrors!["lines.1.unitPrice"]).toEqual(["Enter an amount like 12.50."]);
  });
});

describe("payment form schema and rule errors", () => {
  it("refuses a zero amount and maps a rule error to its field", () => {
    expect(paymentFormSchema.safeParse({ amount: "0", paidAt: "2025-01-01", method: "card" }).success).toBe(false);
    expect(paymentFormSchema.parse({ amount: "10", paidAt: "2025-01-01", method: "card" }).amount).toBe(1000);
    const state = formStateForError(new AccountingRuleError("overpayment", "Too much", "amount"));
    expect(state).toMatchObject({ ok: false, message: "Too much", fieldErrors: { amount: ["Too much"] } });
    expect(formStateForError(new Error("db down"))).toBeNull();
  });
});
