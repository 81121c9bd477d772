import { randomBytes } from "node:crypto";
import { hmacBase64, postWebhook, type Delivery } from "../../core/webhook-out";
import { sandboxApps } from "../../config";
import type { XeroStore } from "./store";

export type XeroEvent = {
  resourceId: string; resourceUrl: string; eventCategory: "INVOICE" | "CONTACT" | "CREDITNOTE"; eventType: "CREATE" | "UPDATE"; tenantId: string;
  /** Credit-note events carry the note's Type and Status. */
  data?: { Type: string; Status: string };
};

/** Xero's entropy: 20 random upper-case letters. */
const entropy = () => Array.from(randomBytes(20), (b) => String.fromCharCode(65 + (b % 26))).join("");

/** The webhook body Xero sends, with the event sequence numbers it keeps per app. */
export function xeroPayload(store: XeroStore, events: XeroEvent[]): string {
  const first = store.webhookSequence + 1;
  store.webhookSequence += Math.max(1, events.length);
  return JSON.stringify({
    events: events.map((e) => ({ ...e, eventDateUtc: new Date().toISOString().replace("Z", ""), tenantType: "ORGANISATION" })),
    firstEventSequence: first,
    lastEventSequence: store.webhookSequence,
    entropy: entropy(),
  });
}

/** Signs with `x-xero-signature` (base64 HMAC-SHA256 of the raw body with the webhook key) and POSTs. */
export function sendXeroWebhook(url: string, payload: string, key: string = sandboxApps.xero.webhookKey): Promise<Delivery> {
  return postWebhook(url, payload, { "x-xero-signature": hmacBase64(key, payload) });
}

/**
 * Xero's intent-to-receive check, run when a webhook is registered: an empty-events payload
 * signed correctly must get 200, and one signed wrongly must get 401, with no body either time.
 */
export async function intentToReceive(store: XeroStore, url: string) {
  const good = await sendXeroWebhook(url, xeroPayload(store, []));
  const bad = await postWebhook(url, xeroPayload(store, []), { "x-xero-signature": hmacBase64("not-the-webhook-key", "x") });
  return { ok: good.status === 200 && bad.status === 401, correctSignature: good.status, incorrectSignature: bad.status };
}
