import { describe, expect, it } from "vitest";
import type { ConnectionField } from "@/integrations/manifest-schema";
import { inputType, validateFields } from "./field-validation";

const secretKey: ConnectionField = {
  name: "secretKey", label: "Secret key", type: "password", pattern: "^(sk|rk)_(test|live)_[A-Za-z0-9_]{10,}$", secret: true, required: true,
};
const hook: ConnectionField = { name: "webhookUrl", label: "Webhook URL", type: "url", pattern: "^https://hooks\\.zapier\\.com/.+$", secret: true, required: true };
const note: ConnectionField = { name: "note", label: "Note", type: "text", secret: false, required: false };

describe("validateFields", () => {
  it("requires required fields and skips empty optional ones", () => {
    expect(validateFields([secretKey, note], "api_key", {})).toEqual({ secretKey: "Secret key is required" });
  });
  it("checks the manifest pattern", () => {
    expect(validateFields([secretKey], "api_key", { secretKey: "nope" })).toEqual({ secretKey: "Secret key is not in the expected format" });
    expect(validateFields([secretKey], "api_key", { secretKey: "sk_test_sandbox_51HubDemoKey0000000000000000" })).toEqual({});
  });
  it("leaves webhook_url patterns to the server (the sandbox's hooks are allowed there) but wants a web address", () => {
    expect(validateFields([hook], "webhook_url", { webhookUrl: "http://localhost:4010/hooks/zapier/1" })).toEqual({});
    expect(validateFields([hook], "webhook_url", { webhookUrl: "not a url" }).webhookUrl).toMatch(/web address/);
  });
});

describe("inputType", () => {
  it("masks secrets whatever their declared type", () => {
    expect(inputType({ type: "url", secret: true })).toBe("password");
    expect(inputType({ type: "email", secret: false })).toBe("email");
    expect(inputType({ type: "number", secret: false })).toBe("text");
  });
});
