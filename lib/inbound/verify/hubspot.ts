import { hmac, safeEqual } from "./compare";
import { fail, ok, TOLERANCE_SECONDS, type VerifyInput, type VerifyResult } from "./types";

/**
 * HubSpot's v3 scheme: `X-HubSpot-Signature-v3` = base64 HMAC-SHA256, keyed with the app's client
 * secret, of method + URI + body + `X-HubSpot-Request-Timestamp` (epoch ms, within 5 minutes).
 * The URI is the one HubSpot called: behind a proxy that is HUB_PUBLIC_URL's origin, so both the
 * request's own URL and that one are tried (each compared in constant time).
 */
export function verifyHubSpot({ raw, headers, secret, now, url, method }: VerifyInput): VerifyResult {
  const sig = headers.get("x-hubspot-signature-v3");
  const ts = headers.get("x-hubspot-request-timestamp");
  if (!sig || !ts) return fail("missing_signature");
  if (!/^\d{1,15}$/.test(ts) || Math.abs(now - Number(ts)) > TOLERANCE_SECONDS * 1000) return fail("stale_timestamp");
  const uris = new Set([url]);
  const pub = process.env.HUB_PUBLIC_URL;
  if (pub) {
    const u = new URL(url);
    uris.add(`${pub.replace(/\/$/, "")}${u.pathname}${u.search}`);
  }
  let good = false;
  for (const uri of uris) {
    let decoded: string;
    try {
      decoded = decodeURI(uri);
    } catch {
      decoded = uri; // a malformed %-sequence: HubSpot signs what it sent
    }
    good = safeEqual(sig, hmac(secret, `${method}${decoded}${raw}${ts}`, "base64")) || good;
  }
  return good ? ok : fail("bad_signature");
}
