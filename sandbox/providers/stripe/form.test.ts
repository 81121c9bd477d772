import { describe, expect, it } from "vitest";
import { encodeStripeForm, parseStripeForm } from "./form";

describe("Stripe form encoding", () => {
  it("reads nested objects and indexed arrays", () => {
    const body = "email=a%40b.co&metadata[order]=42&metadata[src]=hub&line_items[0][price]=price_1&line_items[0][quantity]=2&line_items[1][price]=price_2";
    expect(parseStripeForm(body)).toEqual({
      email: "a@b.co",
      metadata: { order: "42", src: "hub" },
      line_items: [{ price: "price_1", quantity: "2" }, { price: "price_2" }],
    });
  });

  it("reads appended arrays (`expand[]`) and deep price_data", () => {
    expect(parseStripeForm("expand[]=customer&expand[]=payment_intent")).toEqual({ expand: ["customer", "payment_intent"] });
    expect(parseStripeForm("line_items[0][price_data][product_data][name]=Tee&line_items[0][price_data][unit_amount]=500")).toEqual({
      line_items: [{ price_data: { product_data: { name: "Tee" }, unit_amount: "500" } }],
    });
  });

  it("round-trips through encodeStripeForm", () => {
    const obj = { name: "Ada", metadata: { a: "1" }, items: [{ price: "p" }, { price: "q" }] };
    expect(parseStripeForm(encodeStripeForm(obj))).toEqual(obj);
  });
});
