import Stripe from "stripe";
import { fail, ok, TOLERANCE_SECONDS, type VerifyInput, type VerifyResult } from "./types";

// constructEvent is offline (HMAC of "<t>.<body>" against every v1 value, compared in constant
// time by the SDK); the client's key is never used for a request.
const sdk = new Stripe("sk_inbound_verify_only_never_sent");

/** `Stripe-Signature: t=…,v1=…[,v1=…]` checked by Stripe's own SDK with a 5-minute tolerance. */
export function verifyStripe({ raw, headers, secret, now }: VerifyInput): VerifyResult {
  const header = headers.get("stripe-signature");
  if (!header) return fail("missing_signature");
  try {
    sdk.webhooks.constructEvent(raw, header, secret, TOLERANCE_SECONDS, undefined, Math.floor(now / 1000));
    return ok;
  } catch (err) {
    return fail(/tolerance/i.test(String((err as Error).message)) ? "stale_timestamp" : "bad_signature");
  }
}
