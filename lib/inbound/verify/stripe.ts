import Stripe from "stripe";
import { fail, ok, TOLERANCE_SECONDS, type VerifyInput, type VerifyResult } from "./types";

// The SDK's own check (what constructEvent runs: HMAC of "<t>.<body>" against every v1 value,
// compared in constant time), offline; the client's key is never used for a request. Called
// without constructEvent's JSON parse, so a signed body that is not JSON is a 400, not a 401.
const sdk = new Stripe("sk_inbound_verify_only_never_sent");
const crypto = Stripe.createNodeCryptoProvider();

/** `Stripe-Signature: t=…,v1=…[,v1=…]` checked by Stripe's own SDK with a 5-minute tolerance. */
export function verifyStripe({ raw, headers, secret, now }: VerifyInput): VerifyResult {
  const header = headers.get("stripe-signature");
  if (!header) return fail("missing_signature");
  try {
    if (!sdk.webhooks.signature?.verifyHeader(raw, header, secret, TOLERANCE_SECONDS, crypto, now)) return fail("bad_signature");
    return ok;
  } catch (err) {
    return fail(/tolerance/i.test(String((err as Error).message)) ? "stale_timestamp" : "bad_signature");
  }
}
