import { describe, expect, it } from "vitest";
import { IntegrationError, integrationErrorCodes, safeProviderMessage } from "./errors";

describe("IntegrationError", () => {
  it("carries the code's plain message, retryability and the provider's reason", () => {
    const e = new IntegrationError("INVALID_CREDENTIALS", { providerCode: "invalid_request_error", providerMessage: "Invalid API Key provided: sk_test_****1234" });
    expect(e.message).toBe(`${integrationErrorCodes.INVALID_CREDENTIALS.message} Invalid API Key provided: sk_test_****1234`);
    expect(e.retryable).toBe(false);
    expect(e.toJSON()).toEqual({ code: "INVALID_CREDENTIALS", message: e.message, retryable: false, providerCode: "invalid_request_error" });
    expect(new IntegrationError("RATE_LIMITED", { retryAfterSeconds: 30 }).toJSON()).toMatchObject({ retryable: true, retryAfterSeconds: 30 });
  });

  it("has a message for every code", () => {
    for (const [code, def] of Object.entries(integrationErrorCodes)) expect(def.message.length, code).toBeGreaterThan(10);
  });
});

describe("safeProviderMessage", () => {
  it("keeps masked keys but redacts unmasked secrets and tokens", () => {
    expect(safeProviderMessage("Invalid API Key provided: sk_test_***************1234")).toBe("Invalid API Key provided: sk_test_***************1234");
    expect(safeProviderMessage("bad key sk_live_abcdefghijklmnop")).toBe("bad key [redacted]");
    expect(safeProviderMessage("token xoxb-1-sbx-abcdefghij is revoked")).toBe("token [redacted] is revoked");
    expect(safeProviderMessage({})).toBeUndefined();
    expect(safeProviderMessage("x".repeat(1000))).toHaveLength(300);
  });
});
