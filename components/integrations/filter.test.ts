import { describe, expect, it } from "vitest";
import { filterQuery, matchesFilter, parseFilter } from "./filter";

const xero = { id: "xero", name: "Xero", description: "Sync contacts and invoices.", category: "accounting", categoryLabel: "Accounting" };
const stripe = { id: "stripe", name: "Stripe", description: "Record charges and payouts.", category: "payments", categoryLabel: "Payments" };

describe("matchesFilter", () => {
  it("matches everything with an empty filter", () => {
    expect(matchesFilter(xero, { q: "", category: "" })).toBe(true);
  });
  it("searches name, description and category label, case-insensitively", () => {
    expect(matchesFilter(xero, { q: "XERO", category: "" })).toBe(true);
    expect(matchesFilter(stripe, { q: "payouts", category: "" })).toBe(true);
    expect(matchesFilter(stripe, { q: "payments record", category: "" })).toBe(true);
    expect(matchesFilter(stripe, { q: "invoices", category: "" })).toBe(false);
  });
  it("restricts to the chosen category", () => {
    expect(matchesFilter(xero, { q: "", category: "payments" })).toBe(false);
    expect(matchesFilter(stripe, { q: "", category: "payments" })).toBe(true);
  });
});

describe("parseFilter / filterQuery", () => {
  it("drops unknown categories and round-trips through the query string", () => {
    const f = parseFilter({ q: "xe", category: "bogus" }, ["payments", "accounting"]);
    expect(f).toEqual({ q: "xe", category: "" });
    expect(filterQuery({ q: "xe", category: "accounting" })).toBe("?q=xe&category=accounting");
    expect(filterQuery({ q: " ", category: "" })).toBe("");
  });
  it("takes the first value of repeated parameters", () => {
    expect(parseFilter({ q: ["a", "b"], category: ["payments"] }, ["payments"])).toEqual({ q: "a", category: "payments" });
  });
});
