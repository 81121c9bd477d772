import { hmac, safeEqual } from "./compare";
import { fail, ok, type VerifyInput, type VerifyResult } from "./types";

/**
 * Base64 HMAC-SHA256 of the raw body in one header: Xero (`x-xero-signature`, keyed with the
 * webhook key) and Intuit (`intuit-signature`, keyed with the verifier token). Neither carries a
 * timestamp, so there is no replay window; the (provider, connection, event id) dedupe stops replays.
 */
export const verifyBodyHmac = (header: string) => ({ raw, headers, secret }: VerifyInput): VerifyResult => {
  const got = headers.get(header);
  if (!got) return fail("missing_signature");
  return safeEqual(got.trim(), hmac(secret, raw, "base64")) ? ok : fail("bad_signature");
};
