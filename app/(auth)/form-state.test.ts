import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./form-state";

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
