import { describe, expect, it } from "vitest";
import { getManifest } from "@/integrations";
import { fieldsSchema } from "@/lib/connections/connect-fields";

const field = (provider: string, name: string) => getManifest(provider)!.fields.find((f) => f.name === name)!;
const accepts = (provider: string, name: string, value: string) => new RegExp(field(provider, name).pattern!).test(value);

describe("connection field patterns say what is accepted (issue 9.5)", () => {
  it("SMTP port must be 1–65535, refused under the Port field", () => {
    for (const ok of ["25", "465", "587", "2525", "65535", "1"]) expect(accepts("email", "port", ok), ok).toBe(true);
    for (const bad of ["99999", "65536", "0", "070", "-1", "5a"]) expect(accepts("email", "port", bad), bad).toBe(false);
    const email = getManifest("email")!;
    const r = fieldsSchema(email.fields, email.authMode).safeParse({
      host: "smtp.example.com", port: "99999", username: "u", password: "p", fromAddress: "a@example.com",
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["port"]);
    expect(field("email", "port").help).toContain("1 to 65535");
  });

  it("Teams accepts Teams and Workflows hosts and the sandbox's teams hooks, nothing else", () => {
    for (const ok of [
      "https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456",
      "https://prod-00.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x",
      "https://default1.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/1",
      "http://localhost:4010/hooks/teams-demo",
      "http://127.0.0.1:4250/hooks/teams",
    ]) expect(accepts("microsoft-teams", "webhookUrl", ok), ok).toBe(true);
    for (const bad of [
      "https://example.com/webhook",
      "https://webhook.office.com.evil.example/x",
      "https://hooks.zapier.com/hooks/catch/1/abc/",
      "http://localhost:4010/hooks/zap-123",
      "http://evil.example/hooks/teams",
      "http://contoso.webhook.office.com/webhookb2/x",
    ]) expect(accepts("microsoft-teams", "webhookUrl", bad), bad).toBe(false);
  });

  it("the Zapier hint names both forms it accepts", () => {
    const zap = field("zapier", "webhookUrl");
    expect(zap.help).toContain("https://hooks.zapier.com/hooks/catch/");
    expect(zap.help).toContain("http://localhost");
    expect(accepts("zapier", "webhookUrl", zap.placeholder!)).toBe(true);
  });
});
