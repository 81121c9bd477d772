import { hmac, safeEqual } from "./compare";
import { fail, ok, TOLERANCE_SECONDS, type VerifyInput, type VerifyResult } from "./types";

/**
 * Slack's v0 scheme: `x-slack-signature: v0=<hex HMAC-SHA256 of "v0:<ts>:<raw body>">` keyed with
 * the app's signing secret, `x-slack-request-timestamp` within 5 minutes. The same for the Events
 * API (JSON), slash commands and interactivity (form-encoded): the raw bytes are what is signed.
 */
export function verifySlack({ raw, headers, secret, now }: VerifyInput): VerifyResult {
  const sig = headers.get("x-slack-signature");
  const ts = headers.get("x-slack-request-timestamp");
  if (!sig || !ts) return fail("missing_signature");
  if (!/^\d{1,12}$/.test(ts) || Math.abs(now / 1000 - Number(ts)) > TOLERANCE_SECONDS) return fail("stale_timestamp");
  return safeEqual(sig, `v0=${hmac(secret, `v0:${ts}:${raw}`, "hex")}`) ? ok : fail("bad_signature");
}
