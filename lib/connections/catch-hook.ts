import { z } from "zod";
import type { VerifyCredentials } from "@/integrations/hook-types";
import { findRefusal, guardedFetch } from "@/lib/net";
import { webhookUrlAllowed } from "./endpoints";
import { errorForHttpStatus, IntegrationError } from "./errors";

const fieldsSchema = z.object({ webhookUrl: z.url() });

/**
 * The account name a catch hook shows: its id (the last path segment) and host, e.g.
 * "Hook zap-1 at localhost:4010", so several hooks on one host are told apart.
 */
export function hookName(url: string): string {
  const u = new URL(url);
  const id = decodeURIComponent(u.pathname.split("/").filter(Boolean).at(-1) ?? "");
  // A vendor's hook key is what makes the URL secret: long ids show only their last characters.
  const short = id.length > 12 ? `…${id.slice(-4)}` : id;
  return short ? `Hook ${short} at ${u.host}` : u.host;
}

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
    await res.body?.cancel();
    // 5xx is the hook's service failing (not our URL being wrong); 401/403/404 refuse this hook.
    const failure = errorForHttpStatus(res.status, `The hook answered HTTP ${res.status}.`);
    if (failure) throw failure;
    return { name: hookName(url) };
  };
}
