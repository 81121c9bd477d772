/**
 * HubSpot app webhooks as HubSpot sends them: events of a short window are batched into one POST
 * (a JSON array, at most 100 events), each with eventId, subscriptionId, portalId, appId,
 * occurredAt, subscriptionType, attemptNumber, objectId, changeSource (and propertyName /
 * propertyValue for property changes). Requests are signed with v3 — X-HubSpot-Signature-v3 is
 * base64 HMAC-SHA256 (app client secret) of method + URI + body + timestamp, with the timestamp in
 * X-HubSpot-Request-Timestamp — alongside the v1 X-HubSpot-Signature (SHA-256 hex of secret + body).
 */
import { createHash, createHmac } from "node:crypto";
import { postWebhook, type Delivery } from "../../core/webhook-out";

/** One webhook event in HubSpot's format. */
export type HubSpotEvent = {
  eventId: number; subscriptionId: number; portalId: number; appId: number; occurredAt: number; subscriptionType: string;
  attemptNumber: number; objectId: number; changeSource: string; changeFlag?: string; propertyName?: string; propertyValue?: string; sourceId?: string;
};

export type HubSpotChange =
  | { kind: "creation"; objectId: string }
  | { kind: "propertyChange"; objectId: string; propertyName: string; propertyValue: string }
  | { kind: "deletion"; objectId: string };

const MAX_BATCH = 100;
/** Events occurring within this window go out in one request. */
const BATCH_WINDOW_MS = 50;

export const signatureV3 = (secret: string, method: string, uri: string, body: string, timestamp: number) =>
  createHmac("sha256", secret).update(`${method}${uri}${body}${timestamp}`, "utf8").digest("base64");

export class HubSpotWebhooks {
  readonly deliveries: Delivery[] = [];
  private queue: HubSpotEvent[] = [];
  private timer?: NodeJS.Timeout;
  private pending = new Set<Promise<void>>();
  private nextEventId = 1;

  constructor(
    private readonly target: () => string | undefined,
    private readonly app: { appId: number; portalId: number; clientSecret: string; subscriptionIds: Record<string, number> },
  ) {}

  /** Queues the events of one change (an API call or a control change) for the next batch. */
  record(changes: HubSpotChange[], changeSource: "API" | "CRM", occurredAt = Date.now()) {
    if (!this.target()) return;
    for (const c of changes) {
      const subscriptionType = `contact.${c.kind}`;
      this.queue.push({
        eventId: this.nextEventId++, subscriptionId: this.app.subscriptionIds[subscriptionType] ?? 0, portalId: this.app.portalId, appId: this.app.appId,
        occurredAt, subscriptionType, attemptNumber: 0, objectId: Number(c.objectId), changeSource,
        ...(c.kind === "creation" ? { changeFlag: "NEW" } : c.kind === "deletion" ? { changeFlag: "DELETED" } : { propertyName: c.propertyName, propertyValue: c.propertyValue }),
        sourceId: changeSource === "API" ? `${this.app.appId}` : "userId:7001",
      });
    }
    this.timer ??= setTimeout(() => this.send(), BATCH_WINDOW_MS);
  }

  /** Sends what is queued now and resolves once every request so far has been answered. */
  async flush(): Promise<void> {
    this.send();
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  reset() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.deliveries.length = 0;
    this.nextEventId = 1;
  }

  private send() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const url = this.target();
    while (url && this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const body = JSON.stringify(batch);
      const timestamp = Date.now();
      const p = postWebhook(url, body, {
        "x-hubspot-signature-v3": signatureV3(this.app.clientSecret, "POST", url, body, timestamp),
        "x-hubspot-request-timestamp": String(timestamp),
        "x-hubspot-signature": createHash("sha256").update(this.app.clientSecret + body).digest("hex"),
        "x-hubspot-signature-version": "v1",
        "user-agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client)",
      }).then((d) => void this.deliveries.push(d)).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }
}
