import { Webhook } from "standardwebhooks";

/** The Standard Webhooks headers of one try. */
export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Signs `body` (the exact bytes that will be sent) with every active secret through the
 * `standardwebhooks` library: one `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret,
 * space-separated, so a receiver holding either the old or the new secret during a rotation
 * verifies.
 */
export function signMessage(messageId: string, body: string, secrets: string[], at = new Date()): SignedHeaders {
  if (secrets.length === 0) throw new Error("An endpoint without a secret cannot be signed for.");
  const signature = secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(" ");
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
