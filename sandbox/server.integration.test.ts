import { describe, expect, it } from "vitest";
import { startSandbox } from "./server";

describe("startSandbox", () => {
  it("serves every registered emulator on free ports and closes cleanly", async () => {
    const sb = await startSandbox({ port: 0, stripePort: 0, smtpPort: 0, webhookTargets: { xero: "http://127.0.0.1:9/hook" } });
    try {
      expect(sb.ports.main).toBeGreaterThan(0);
      expect(sb.ports.stripe).not.toBe(sb.ports.main);
      const data = await (await fetch(sb.origin + "/", { headers: { accept: "application/json" } })).json();
      expect(data.providers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["stripe", "slack", "paypal", "xero", "quickbooks", "hubspot"]));
      expect(data.stripeOrigin).toBe(sb.stripeOrigin);
      expect((await (await fetch(sb.origin + "/_control/webhooks")).json()).targets).toEqual({ xero: "http://127.0.0.1:9/hook" });
    } finally {
      await sb.close();
    }
    await expect(fetch(sb.origin + "/")).rejects.toThrow();
  });
});
