import type { webhookSchemes } from "@/integrations/manifest-schema";
import { verifyBodyHmac } from "./hmac-base64";
import { verifyHubSpot } from "./hubspot";
import { verifySlack } from "./slack";
import { verifyStandard } from "./standard";
import { verifyStripe } from "./stripe";
import type { VerifyInput, VerifyResult } from "./types";

export type { VerifyFailure, VerifyInput, VerifyResult } from "./types";

/**
 * The offline verifier of each signature scheme a manifest can name. `paypal-verify-api` is not
 * here: PayPal's signature is confirmed by a call to PayPal (lib/inbound/ingest.ts, before the insert).
 */
export const verifiers: Partial<Record<(typeof webhookSchemes)[number], (input: VerifyInput) => VerifyResult>> = {
  "stripe-signature": verifyStripe,
  "xero-signature": verifyBodyHmac("x-xero-signature"),
  "intuit-signature": verifyBodyHmac("intuit-signature"),
  "slack-signature": verifySlack,
  "hubspot-v3": verifyHubSpot,
  "standard-webhooks": verifyStandard,
};
