import { z } from "zod";
import type { VerifyCredentials } from "@/integrations/hook-types";
import { findRefusal, guardedFetch } from "@/lib/net";
import { webhookUrlAllowed } from "./endpoints";
import { IntegrationError } from "./errors";

const fieldsSchema = z.object({ webhookUrl: z.url() });

/**
 * Shared verify hook for webhook_url providers (Zapier, Make, n8n, Teams): POSTs a test ping and
 * requires a 2xx, so a mistyped or deleted hook is refused before it is saved. `text` is there
 * because Teams and Slack-style hooks render that field.
 */
export function catchHookVerifier(pattern: string | undefined): VerifyCredentials {
  return async (_ctx, fields) => {
    const parsed = fieldsSchema.safeParse(fields);
    if (!parsed.success) throw new IntegrationError("INVALID_INPUT", { providerMessage: "Enter the hook's full URL." });
    const url = parsed.data.webhookUrl;
    if (!webhookUrlAllowed(pattern, url)) {
      throw new IntegrationError("INVALID_INPUT", { providerMessage: "This URL is not a webhook address of this provider." });
    }
    let res: Response;
    try {
      // Through the outbound guard: public addresses only (unless HUB_ALLOW_PRIVATE_NETWORK), no redirects.
      res = await guardedFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "hub.test", text: "Test ping from the integration hub: the connection works.", sentAt: new Date().toISOString() }),
      });
    } catch (cause) {
      const refused = findRefusal(cause);
      if (refused) throw new IntegrationError("INVALID_INPUT", { providerMessage: refused.message, cause });
      throw new IntegrationError("PROVIDER_UNREACHABLE", { cause });
    }
    if (res.status === 429) throw new IntegrationError("RATE_LIMITED");
    if (!res.ok) {
      throw new IntegrationError("INVALID_CREDENTIALS", { providerCode: String(res.status), providerMessage: `The hook answered HTTP ${res.status}.` });
    }
    return { name: new URL(url).host };
  };
}
