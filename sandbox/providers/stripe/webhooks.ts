/**
 * Stripe events and their signed delivery: `Stripe-Signature: t=<unix ts>,v1=<hex HMAC-SHA256
 * of "<ts>.<raw body>">` keyed by the endpoint's `whsec_` secret (the secret string as-is, the
 * way stripe.webhooks.constructEvent checks it).
 */
import { createHmac } from "node:crypto";
import { event } from "./objects";
import { now, type StripeObject, type StripeStore } from "./store";

export function stripeSignature(payload: string, secret: string, timestamp = now()): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

/** Where events go: the API-created webhook endpoints plus the sandbox-configured target. */
export type StripeTarget = { url: string; secret: string; enabledEvents: string[] };

export class StripeEvents {
  private pending = new Set<Promise<void>>();

  constructor(
    private store: StripeStore,
    private extraTargets: () => StripeTarget[],
  ) {}

  /** Records an event and delivers it to every matching target (asynchronously; see flush()). */
  emit(type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
    const evt = this.store.put(event(this.store, type, object, previous));
    const endpoints: StripeTarget[] = this.store
      .all("webhook_endpoint")
      .filter((w) => w.status === "enabled")
      .map((w) => ({ url: String(w.url), secret: String(w.secret), enabledEvents: w.enabled_events as string[] }));
    const targets = [...endpoints, ...this.extraTargets()].filter((t) => t.enabledEvents.includes("*") || t.enabledEvents.includes(type));
    evt.pending_webhooks = targets.length;
    for (const t of targets) {
      const p = this.deliver(evt, t).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
    return evt;
  }

  /** Resolves once every delivery started so far has finished (tests and the control API wait on it). */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private async deliver(evt: StripeObject, t: StripeTarget): Promise<void> {
    const body = JSON.stringify(evt, null, 2);
    const at = Date.now();
    try {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": stripeSignature(body, t.secret), "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      this.store.deliveries.push({ eventId: evt.id, type: String(evt.type), url: t.url, status: res.status, at });
    } catch (err) {
      this.store.deliveries.push({ eventId: evt.id, type: String(evt.type), url: t.url, status: null, error: String(err), at });
    }
  }
}
