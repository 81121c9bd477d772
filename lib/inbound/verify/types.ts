/** One delivery as a verifier sees it: the raw bytes, the headers, and the secret to check with. */
export type VerifyInput = {
  raw: string;
  headers: Headers;
  secret: string;
  /** The URL and method as the provider called them (HubSpot signs them). */
  url: string;
  method: string;
  /** Epoch milliseconds (a parameter so tests can check the tolerance window). */
  now: number;
};

/** Why a delivery was refused; every refusal is a 401 to the sender. */
export type VerifyFailure = "missing_signature" | "bad_signature" | "stale_timestamp";
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** The replay window of the timestamped schemes (Stripe, Slack, HubSpot, Standard Webhooks). */
export const TOLERANCE_SECONDS = 5 * 60;

export const ok: VerifyResult = { ok: true };
export const fail = (reason: VerifyFailure): VerifyResult => ({ ok: false, reason });
