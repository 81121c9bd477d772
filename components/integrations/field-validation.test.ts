import { describe, expect, it } from "vitest";
import type { ConnectionField } from "@/integrations/manifest-schema";
import { getManifest } from "@/integrations";
import { fieldsSchema } from "@/lib/connections/connect-fields";
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

describe("field messages name the field and its limit", () => {
  it("the SMTP port names its range, on the form and on the server", () => {
    const port = getManifest("email")!.fields.find((f) => f.name === "port")!;
    const message = "Port must be a whole number from 1 to 65535";
    expect(validateFields([port], "basic", { port: "99999" })).toEqual({ port: message });
    const parsed = fieldsSchema([port], "basic").safeParse({ port: "99999" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["port"], message });
    expect(validateFields([port], "basic", { port: "587" })).toEqual({});
  });
  it("a value that is too long states the limit", () => {
    expect(validateFields([note], "api_key", { note: "x".repeat(3000) })).toEqual({ note: "Note must be at most 2048 characters" });
  });
});

describe("inputType", () => {
  it("masks secrets whatever their declared type", () => {
    expect(inputType({ type: "url", secret: true })).toBe("password");
    expect(inputType({ type: "email", secret: false })).toBe("email");
    expect(inputType({ type: "number", secret: false })).toBe("text");
  });
});
