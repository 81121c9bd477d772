import { describe, expect, it } from "vitest";
import { customerCreateSchema, invoiceCreateSchema, listQuerySchema, paymentCreateSchema } from "./schemas";
import { fieldErrorsOf } from "./form-errors";
import type { z } from "zod";

const line = { description: "Work", quantity: 1, unitPrice: 1000 };
const invoice = { customerId: "c1", issueDate: "2025-01-01", dueDate: "2025-01-31", lines: [line] };
const errorsOf = (r: z.ZodSafeParseResult<unknown>) => (r.success ? {} : fieldErrorsOf(r.error));

describe("domain schemas refuse input the database cannot hold exactly (issue 8.5)", () => {
  it("refuses NUL and other control characters and lone surrogates in text, naming the field", () => {
    expect(errorsOf(customerCreateSchema.safeParse({ name: "a\u0000b" }))).toEqual({
      name: ["Name must not contain control characters or invalid Unicode"],
    });
    expect(errorsOf(customerCreateSchema.safeParse({ name: "ok", address: "x\uD800y" }))).toHaveProperty("address");
    expect(errorsOf(customerCreateSchema.safeParse({ name: "ok", taxNumber: "\uDC00" }))).toHaveProperty("taxNumber");
    expect(listQuerySchema.safeParse({ q: "\u0000" }).success).toBe(false);
    // Multi-line text and real astral characters are fine.
    expect(customerCreateSchema.parse({ name: "Café 😀", address: "1 Road\nTown\tX" }).address).toBe("1 Road\nTown\tX");
  });

  it("names the field and the limit for long text and unknown currencies", () => {
    expect(errorsOf(customerCreateSchema.safeParse({ name: "x".repeat(201) }))).toEqual({
      name: ["Name must be at most 200 characters"],
    });
    expect(errorsOf(customerCreateSchema.safeParse({ name: "ok", currency: "XYZ" }))).toEqual({
      currency: ["Currency must be an ISO 4217 currency code such as USD, EUR or JPY"],
    });
    expect(customerCreateSchema.parse({ name: "ok", currency: "jpy" }).currency).toBe("JPY");
  });

  it("refuses dates outside 1900-01-01 … 2200-12-31", () => {
    expect(errorsOf(invoiceCreateSchema.safeParse({ ...invoice, issueDate: "0000-01-01" }))).toEqual({
      issueDate: ["Issue date must be between 1900-01-01 and 2200-12-31"],
    });
    expect(invoiceCreateSchema.safeParse({ ...invoice, dueDate: "2201-01-01" }).success).toBe(false);
    expect(paymentCreateSchema.safeParse({ amount: 1, paidAt: "1899-12-31" }).success).toBe(false);
    expect(invoiceCreateSchema.safeParse(invoice).success).toBe(true);
  });

  it("refuses 1,000,000 × 9,999,999,999.99 and totals past the exact limit with field errors", () => {
    const huge = { ...invoice, lines: [{ ...line, quantity: 1_000_000, unitPrice: 999_999_999_999 }] };
    const errors = errorsOf(invoiceCreateSchema.safeParse(huge));
    expect(errors["lines.0.unitPrice"]).toEqual(["Unit price must be at most 9,999,999,999 minor units"]);
    expect(errors["lines.0.quantity"]?.[0]).toMatch(/^Line amount must be at most/);
    // Each line under the limit, but their sum past it.
    const many = { ...invoice, lines: Array.from({ length: 200 }, () => ({ ...line, quantity: 1_000_000, unitPrice: 9_999_999_999 })) };
    expect(errorsOf(invoiceCreateSchema.safeParse(many))).toHaveProperty("lines.0.quantity");
    const sum = { ...invoice, lines: Array.from({ length: 200 }, () => ({ ...line, quantity: 50_000, unitPrice: 9_999_999_999 })) };
    expect(errorsOf(invoiceCreateSchema.safeParse(sum)).lines?.[0]).toMatch(/^Invoice total must be at most 999,999,999,999,999/);
    expect(errorsOf(paymentCreateSchema.safeParse({ amount: 2 ** 53, paidAt: "2025-01-01" }))).toHaveProperty("amount");
  });

  it("answers a quantity of 1e308 or a fractional price with field errors instead of throwing", () => {
    expect(errorsOf(invoiceCreateSchema.safeParse({ ...invoice, lines: [{ ...line, quantity: 1e308 }] }))).toEqual({
      "lines.0.quantity": ["Quantity must be at most 1,000,000"],
    });
    expect(errorsOf(invoiceCreateSchema.safeParse({ ...invoice, lines: [{ ...line, unitPrice: 10.5 }] }))).toHaveProperty("lines.0.unitPrice");
  });

  it("says 'greater than 0' for a negative quantity", () => {
    expect(errorsOf(invoiceCreateSchema.safeParse({ ...invoice, lines: [{ ...line, quantity: -1 }] }))).toEqual({
      "lines.0.quantity": ["Quantity must be greater than 0"],
    });
  });
});
