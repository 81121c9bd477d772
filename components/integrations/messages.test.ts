import { describe, expect, it } from "vitest";
import { integrationErrorCodes } from "@/lib/connections/errors";
import { callbackErrorMessage } from "./messages";

describe("callbackErrorMessage", () => {
  it("names the provider when consent was denied", () => {
    expect(callbackErrorMessage("AUTH_DENIED", "Xero")).toBe("You declined access at Xero. Nothing was connected.");
    expect(callbackErrorMessage("access_denied", "Slack")).toBe("You declined access at Slack. Nothing was connected.");
  });
  it("uses the taxonomy's plain message for other codes, in any case", () => {
    expect(callbackErrorMessage("STATE_EXPIRED", "Xero")).toBe(integrationErrorCodes.STATE_EXPIRED.message);
    expect(callbackErrorMessage("state_replayed", "Xero")).toBe(integrationErrorCodes.STATE_REPLAYED.message);
  });
  it("explains a refusal by role", () => {
    expect(callbackErrorMessage("forbidden", "Xero")).toMatch(/owners and admins/);
  });
  it("never echoes an unknown code from the URL", () => {
    const msg = callbackErrorMessage("<script>alert(1)</script>", "Xero");
    expect(msg).not.toContain("script");
    expect(msg).toContain("Xero");
  });
  it("returns null without a code", () => {
    expect(callbackErrorMessage(undefined, "Xero")).toBeNull();
    expect(callbackErrorMessage("", "Xero")).toBeNull();
  });
});
