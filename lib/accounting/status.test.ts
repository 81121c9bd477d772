import { describe, expect, it } from "vitest";
import { AccountingRuleError } from "./errors";
import { formatInvoiceNumber, parseInvoiceNumber } from "./numbering";
import { assertPayable, assertTransition, assertVoidable, canTransition } from "./status";

describe("invoice status rules", () => {
  it("allows the lifecycle draft → sent → overdue → paid", () => {
    expect(canTransition("draft", "sent")).toBe(true);
    expect(canTransition("sent", "overdue")).toBe(true);
    expect(canTransition("overdue", "paid")).toBe(true);
    expect(canTransition("sent", "paid")).toBe(true);
  });

  it("treats paid and void as final and refuses skipping send", () => {
    expect(canTransition("paid", "void")).toBe(false);
    expect(canTransition("void", "sent")).toBe(false);
    expect(canTransition("draft", "paid")).toBe(false);
    expect(() => assertTransition("paid", "sent")).toThrow(AccountingRuleError);
  });

  it("accepts payments only on sent and overdue invoices", () => {
    expect(() => assertPayable("sent")).not.toThrow();
    expect(() => assertPayable("overdue")).not.toThrow();
    expect(() => assertPayable("void")).toThrow(/void invoice accepts no payments/);
    expect(() => assertPayable("draft")).toThrow(/Mark the invoice as sent/);
    expect(() => assertPayable("paid")).toThrow(/already paid/);
  });

  it("refuses voiding once money was received", () => {
    expect(() => assertVoidable({ status: "sent", amountPaid: 0 })).not.toThrow();
    expect(() => assertVoidable({ status: "sent", amountPaid: 1 })).toThrow(/with payments/);
    expect(() => assertVoidable({ status: "paid", amountPaid: 0 })).toThrow(AccountingRuleError);
  });
});

describe("invoice numbers", () => {
  it("pads the counter and reads it back", () => {
    expect(formatInvoiceNumber(1)).toBe("INV-0001");
    expect(formatInvoiceNumber(12345)).toBe("INV-12345");
    expect(parseInvoiceNumber("INV-0042")).toBe(42);
    expect(parseInvoiceNumber("XERO-42")).toBeNull();
  });
});
