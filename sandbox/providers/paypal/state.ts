/**
 * PayPal emulator state and signed webhooks. PayPal signs `<transmission id>|<time>|<webhook
 * id>|<CRC32 of the raw body>` with SHA256withRSA; the X.509 certificate whose key signs is at
 * PAYPAL-CERT-URL (PEM), and POST /v1/notifications/verify-webhook-signature checks a delivery
 * against that certificate the way PayPal's does.
 */
import { createSign, createVerify, generateKeyPairSync, randomUUID, X509Certificate } from "node:crypto";
import { crc32 } from "node:zlib";
import { sandboxApps } from "../../config";
import type { SandboxContext } from "../../core/context";
import { postWebhook, type Delivery } from "../../core/webhook-out";
import { selfSignedCertificate } from "./certificate";
import { API, iso } from "./common";

type Obj = Record<string, unknown>;

export const CERT_PATH = `${API}/v1/notifications/certs/CERT-sandbox-0001`;

export const signingString = (transmissionId: string, time: string, webhookId: string, body: string) =>
  `${transmissionId}|${time}|${webhookId}|${crc32(Buffer.from(body, "utf8"))}`;

export class PayPalState {
  invoices = new Map<string, Obj>();
  orders = new Map<string, Obj>();
  captures = new Map<string, Obj>();
  counter = 0;
  deliveries: Delivery[] = [];
  /** Raw bodies by transmission id, so verify-webhook-signature checks the exact bytes sent. */
  sent = new Map<string, string>();
  readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private pending = new Set<Promise<unknown>>();
  ctx!: SandboxContext;

  reset() {
    this.invoices.clear();
    this.orders.clear();
    this.captures.clear();
    this.counter = 0;
    this.deliveries.length = 0;
    this.sent.clear();
  }

  private certificate?: string;

  /** The certificate served at PAYPAL-CERT-URL: made once, its key is the one webhooks are signed with. */
  certificatePem(): string {
    this.certificate ??= selfSignedCertificate(this.keys, "messageverificationcerts.sandbox.paypal.com");
    return this.certificate;
  }

  /** Emits a webhook event for `resource` to the configured PayPal target, if any. */
  emit(eventType: string, resource: Obj, origin: string) {
    const url = this.ctx?.webhookTargets.get("paypal");
    if (!url) return;
    const event = {
      id: `WH-SBX-${randomUUID().slice(0, 18).toUpperCase()}`, event_version: "1.0", create_time: iso(),
      resource_type: eventType.split(".")[1]?.toLowerCase() ?? "resource", resource_version: "2.0", event_type: eventType,
      summary: `${eventType} (sandbox)`, resource: structuredClone(resource),
      links: [{ href: `${origin}${API}/v1/notifications/webhooks-events/${eventType}`, rel: "self", method: "GET" }],
    };
    const body = JSON.stringify(event);
    const transmissionId = randomUUID();
    const time = iso();
    const sig = createSign("RSA-SHA256").update(signingString(transmissionId, time, sandboxApps.paypal.webhookId, body)).sign(this.keys.privateKey, "base64");
    this.sent.set(transmissionId, body);
    const p = postWebhook(url, body, {
      "paypal-transmission-id": transmissionId, "paypal-transmission-time": time, "paypal-transmission-sig": sig,
      "paypal-cert-url": `${origin}${CERT_PATH}`, "paypal-auth-algo": "SHA256withRSA", "paypal-auth-version": "v2",
    }).then((d) => this.deliveries.push(d)).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async flush() {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /**
   * Checks a transmission as PayPal's verify-webhook-signature does: the certificate must be
   * PayPal's (this sandbox's), and its public key must verify the signature over the transmission
   * id, time, webhook id and CRC32 of the event the caller presents.
   */
  verify(v: { cert_url: string; transmission_id: string; transmission_time: string; transmission_sig: string; webhook_id: string; auth_algo: string; webhook_event: unknown }): boolean {
    if (v.auth_algo !== "SHA256withRSA") return false;
    if (!URL.canParse(v.cert_url) || new URL(v.cert_url).pathname !== CERT_PATH) return false;
    const body = this.sent.get(v.transmission_id) ?? JSON.stringify(v.webhook_event);
    // The body PayPal signed must be the event the caller presents.
    if (JSON.stringify(JSON.parse(body)) !== JSON.stringify(v.webhook_event)) return false;
    const cert = new X509Certificate(this.certificatePem());
    return createVerify("RSA-SHA256").update(signingString(v.transmission_id, v.transmission_time, v.webhook_id, body)).verify(cert.publicKey, v.transmission_sig, "base64");
  }
}
