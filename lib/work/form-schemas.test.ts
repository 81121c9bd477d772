import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { quoteFormInput } from "./form-schemas";

const form = { customerId: "c1", total: "1,250.00", validUntil: "2030-01-31", notes: "", send: "" };
const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    // The first message of each field: the one the form shows.
    if (err instanceof ZodError) return Object.fromEntries(err.issues.toReversed().map((i) => [i.path.join("."), i.message]));
    throw err;
  }
  return {};
};

describe("quote form", () => {
  it("reads the total in the customer's currency and the checkbox as send", () => {
    expect(quoteFormInput(form, "USD")).toMatchObject({ total: 125000, send: false });
    expect(quoteFormInput({ ...form, total: "12,000", send: "on" }, "JPY")).toMatchObject({ total: 12000, send: true });
  });

  it("reports a bad total together with the other refused fields, each under its name", () => {
    expect(fieldsOf(() => quoteFormInput({ ...form, customerId: "", total: "lots", validUntil: "soon" }, "USD"))).toEqual({
      total: "Total must be a number such as 12.50",
      customerId: "Choose a customer",
      validUntil: "Valid until must be a date as YYYY-MM-DD",
    });
    expect(fieldsOf(() => quoteFormInput({ ...form, total: "10.5" }, "JPY"))).toEqual({ total: "Total must be a whole number" });
  });
});
