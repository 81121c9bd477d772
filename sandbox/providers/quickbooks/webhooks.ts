import { createHash, randomUUID } from "node:crypto";
import { hmacBase64, postWebhook, type Delivery } from "../../core/webhook-out";
import { sandboxApps } from "../../config";
import type { QboEntity } from "./store";

export type QboWebhookFormat = "legacy" | "cloudevents";
export type QboChange = { realmId: string; entity: QboEntity; id: string; operation: "Create" | "Update" | "Delete"; at: Date };

const PAST = { Create: "created", Update: "updated", Delete: "deleted" } as const;

/** Intuit's legacy body (`eventNotifications`) or its CloudEvents array, for one change. */
export function qboPayload(format: QboWebhookFormat, c: QboChange): string {
  if (format === "legacy") {
    return JSON.stringify({
      eventNotifications: [{ realmId: c.realmId, dataChangeEvent: { entities: [{ name: c.entity, id: c.id, operation: c.operation, lastUpdated: c.at.toISOString() }] } }],
    });
  }
  return JSON.stringify([{
    specversion: "1.0", id: randomUUID(), source: `intuit.${createHash("sha256").update(c.realmId).digest("base64")}`,
    type: `qbo.${c.entity.toLowerCase()}.${PAST[c.operation]}.v1`, datacontenttype: "application/json", time: c.at.toISOString(),
    intuitentityid: c.id, intuitaccountid: c.realmId, data: {},
  }]);
}

/** POSTs with `intuit-signature`: base64 HMAC-SHA256 of the body keyed with the verifier token. */
export function sendQboWebhook(url: string, payload: string, verifier: string = sandboxApps.quickbooks.webhookVerifierToken): Promise<Delivery> {
  return postWebhook(url, payload, { "intuit-signature": hmacBase64(verifier, payload) });
}
