import { describe, expect, it } from "vitest";
import { safeRedirectPath, signInFailureMessage } from "./form-state";

describe("safeRedirectPath", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirectPath("/invoices/123?tab=lines", "/dashboard")).toBe("/invoices/123?tab=lines");
  });

  it("falls back for absolute, protocol-relative and backslash URLs or missing values", () => {
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null]) {
      expect(safeRedirectPath(bad, "/dashboard")).toBe("/dashboard");
    }
  });
});

describe("signInFailureMessage", () => {
  it("says when to try again for a lock, and one generic sentence otherwise", () => {
    expect(signInFailureMessage({ type: "CredentialsSignin", code: "locked-240" })).toBe("Too many attempts. Try again in 4 minutes.");
    expect(signInFailureMessage({ type: "CredentialsSignin", code: "locked-30" })).toBe("Too many attempts. Try again in 30 seconds.");
    expect(signInFailureMessage({ type: "CredentialsSignin", code: "credentials" })).toBe("Wrong email or password.");
    expect(signInFailureMessage({ type: "CallbackRouteError" })).toBe("Sign-in failed. Please try again.");
  });
});
