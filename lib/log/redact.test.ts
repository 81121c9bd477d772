import { describe, expect, it } from "vitest";
import { redactArgs, redactText, redactValue } from "./redact";

describe("log redaction", () => {
  it("masks code and state in an OAuth callback URL, keeping the path", () => {
    const line = redactText("GET /api/integrations/xero/oauth/callback?code=abc123XYZ&state=s7t8u9&scope=openid 302 in 40ms");
    expect(line).toBe("GET /api/integrations/xero/oauth/callback?code=[redacted]&state=[redacted]&scope=openid 302 in 40ms");
  });

  it.each(["token", "access_token", "refresh_token", "client_secret", "password", "api_key"])("masks %s as a parameter and as a JSON field", (name) => {
    expect(redactText(`https://x.test/cb?${name}=SECRETVALUE&x=1`)).not.toContain("SECRETVALUE");
    expect(redactText(`{"${name}":"SECRETVALUE","ok":true}`)).toBe(`{"${name}":"[redacted]","ok":true}`);
  });

  it("masks bearer headers and provider key shapes", () => {
    const out = redactText("Authorization: Bearer ya29.a0AfH6SMBx sk_test_51HubDemoKey000 xoxb-1234-5678-abcdefgh whsec_abcdefghijkl key=hub_sk_Ab12Cd34Ef56Gh78Ij90");
    expect(out).not.toMatch(/ya29|sk_test_51|xoxb-1234|whsec_abcdef|hub_sk_Ab12/);
  });

  it("redacts errors (message, stack and cause) and objects with secret keys", () => {
    const err = new Error("token endpoint failed for https://p.test/token?refresh_token=RT-1", { cause: new Error("body: {\"access_token\":\"AT-2\"}") });
    const out = redactValue(err);
    expect(out).not.toMatch(/RT-1|AT-2/);
    expect(out).toContain("token endpoint failed");
    expect(redactValue({ user: "ada", password: "hunter2", nested: { client_secret: "cs" } })).toBe('{"user":"ada","password":"[redacted]","nested":{"client_secret":"[redacted]"}}');
  });

  it("joins console-style arguments into one redacted line", () => {
    expect(redactArgs(["[hub] callback", new URL("https://h.test/cb?code=C0DE&state=ST")])).toBe('[hub] callback "https://h.test/cb?code=[redacted]&state=[redacted]"');
  });

  it("leaves ordinary text alone", () => {
    expect(redactText("Invoice INV-0042 sent to billing@a.test; postcode=2000")).toBe("Invoice INV-0042 sent to billing@a.test; postcode=2000");
  });
});
