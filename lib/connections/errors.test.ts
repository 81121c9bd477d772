import { describe, expect, it } from "vitest";
import { errorForHttpStatus, IntegrationError, integrationErrorCodes, safeProviderMessage } from "./errors";

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

describe("errorForHttpStatus", () => {
  it("maps 401/403 to refused credentials, 5xx to a provider error and 429 to a rate limit", () => {
    expect(errorForHttpStatus(200)).toBeUndefined();
    expect(errorForHttpStatus(401)?.code).toBe("INVALID_CREDENTIALS");
    expect(errorForHttpStatus(403)?.code).toBe("INVALID_CREDENTIALS");
    expect(errorForHttpStatus(404)?.code).toBe("INVALID_CREDENTIALS");
    for (const s of [500, 502, 503]) {
      const e = errorForHttpStatus(s, `The hook answered HTTP ${s}.`)!;
      expect(e.code).toBe("PROVIDER_ERROR");
      expect(e.retryable).toBe(true);
      expect(e.message).not.toMatch(/refused/);
      expect(e.message).toContain(`HTTP ${s}`);
    }
    expect(errorForHttpStatus(429)?.code).toBe("RATE_LIMITED");
  });
});
