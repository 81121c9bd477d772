import { describe, expect, it } from "vitest";
import { accountingErrorResponse, readJson } from "./api-errors";
import { AccountingRuleError } from "./errors";

describe("accounting API errors", () => {
  it("answers a refused rule with 409, its code and the field", async () => {
    const res = accountingErrorResponse(new AccountingRuleError("overpayment", "Too much", "amount"))!;
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "overpayment", message: "Too much", fields: { amount: ["Too much"] } } });
  });

  it("leaves other errors to the generic mapper", () => {
    expect(accountingErrorResponse(new Error("x"))).toBeNull();
  });

  it("reads a body that is not JSON as null", async () => {
    expect(await readJson(new Request("http://x", { method: "POST", body: "nope" }))).toBeNull();
    expect(await readJson(new Request("http://x", { method: "POST", body: '{"a":1}' }))).toEqual({ a: 1 });
  });
});
