import type { DescribeDelivery, HandleInboundEvent, VerifyByApi } from "@/integrations/hook-types";
import type { webhookSchemes } from "@/integrations/manifest-schema";
import { getProvider } from "@/integrations";

/** A provider's inbound side: its manifest's scheme and its `webhooks.ts` exports. */
export type InboundModule = {
  id: string;
  name: string;
  scheme: (typeof webhookSchemes)[number];
  /** Received only on a connection's own URL (no account id in the payload to route by). */
  tokenOnly: boolean;
  describe: DescribeDelivery;
  handle: HandleInboundEvent;
  verifyByApi?: VerifyByApi;
};

/** The provider's inbound module, or undefined when it has no webhooks.ts with describe/handle. */
export function inboundModule(provider: string): InboundModule | undefined {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(provider)) return undefined;
  const p = getProvider(provider);
  const w = p?.webhooks;
  const scheme = p?.manifest.webhooks?.verification;
  if (!p || !w || !scheme || scheme === "none" || typeof w.describe !== "function" || typeof w.handle !== "function") return undefined;
  return {
    id: p.manifest.id,
    name: p.manifest.name,
    scheme,
    tokenOnly: scheme === "standard-webhooks",
    describe: w.describe as DescribeDelivery,
    handle: w.handle as HandleInboundEvent,
    verifyByApi: typeof w.verifyByApi === "function" ? (w.verifyByApi as VerifyByApi) : undefined,
  };
}
