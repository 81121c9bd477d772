import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { fail, ok, type VerifyInput, type VerifyResult } from "./types";

/**
 * Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>` over
 * "<id>.<ts>.<body>", whsec_ secrets), checked by the reference `standardwebhooks` package: the
 * generic receiver for automation tools (Zapier, Make, n8n) that sign this way.
 */
export function verifyStandard({ raw, headers, secret }: VerifyInput): VerifyResult {
  const id = headers.get("webhook-id");
  const ts = headers.get("webhook-timestamp");
  const sig = headers.get("webhook-signature");
  if (!id || !ts || !sig) return fail("missing_signature");
  let wh: Webhook;
  try {
    wh = new Webhook(secret);
  } catch {
    return fail("bad_signature");
  }
  try {
    wh.verify(raw, { "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": sig }, { jsonParse: false });
    return ok;
  } catch (err) {
    if (err instanceof WebhookVerificationError && /too (old|new)/i.test(err.message)) return fail("stale_timestamp");
    return fail("bad_signature");
  }
}
