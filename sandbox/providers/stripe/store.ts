/**
 * The Stripe emulator's in-memory data: one ordered table per object type, deterministic ids,
 * the idempotency-key cache, events and webhook deliveries. One Stripe account (the demo one).
 */
export type StripeObject = { id: string; object: string; created: number; [k: string]: unknown };

/** One delivery attempt of an event to a webhook endpoint or the configured target. */
export type Delivery = { eventId: string; type: string; url: string; status: number | null; error?: string; at: number };

export const ID_PREFIX: Record<string, string> = {
  customer: "cus", product: "prod", price: "price", payment_link: "plink", "checkout.session": "cs_test",
  payment_intent: "pi", charge: "ch", refund: "re", invoice: "in", invoiceitem: "ii", line_item: "il",
  webhook_endpoint: "we", event: "evt", payment_method: "pm", dispute: "dp",
};

export class StripeStore {
  private tables = new Map<string, Map<string, StripeObject>>();
  private counter = 0;
  /** `Idempotency-Key` → the request fingerprint and the response it got (replayed on retry). */
  readonly idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  readonly deliveries: Delivery[] = [];
  /** Line items of checkout sessions, payment links and invoices, by owner id (not part of the object). */
  readonly lines = new Map<string, StripeObject[]>();
  /** The test token (`pm_card_visa`, …) each stored PaymentMethod was made from: it decides the card's outcome. */
  readonly cardTokens = new Map<string, string>();

  /** A deterministic, Stripe-looking id: `cus_1Sbx000000000a`. */
  newId(type: string): string {
    this.counter += 1;
    const prefix = ID_PREFIX[type] ?? type.replace(/\W/g, "_");
    const tail = this.counter.toString(36).padStart(10, "0");
    return type === "checkout.session" ? `${prefix}_a1Sbx${tail}${"0".repeat(40)}`.slice(0, 66) : `${prefix}_1Sbx${tail}`;
  }

  table(type: string): Map<string, StripeObject> {
    let t = this.tables.get(type);
    if (!t) this.tables.set(type, (t = new Map()));
    return t;
  }

  put<T extends StripeObject>(obj: T): T {
    this.table(obj.object).set(obj.id, obj);
    return obj;
  }

  get(type: string, id: string): StripeObject | undefined {
    return this.tables.get(type)?.get(id);
  }

  /** Every object of a type, newest first (Stripe's list order). */
  all(type: string): StripeObject[] {
    return [...this.table(type).values()].reverse().sort((a, b) => b.created - a.created);
  }

  remove(type: string, id: string): boolean {
    return this.table(type).delete(id);
  }

  reset() {
    this.tables.clear();
    this.idempotency.clear();
    this.deliveries.length = 0;
    this.lines.clear();
    this.counter = 0;
  }
}

export const now = () => Math.floor(Date.now() / 1000);

/**
 * Stripe list pagination over newest-first `items`: `limit` (1–100, default 10),
 * `starting_after` (the page after that id) and `ending_before` (the page before it).
 */
export function paginate(items: StripeObject[], q: { limit?: string; starting_after?: string; ending_before?: string }, url: string) {
  const limit = Math.min(100, Math.max(1, Number(q.limit ?? 10) || 10));
  let slice: StripeObject[];
  let hasMore: boolean;
  if (q.ending_before) {
    const end = items.findIndex((o) => o.id === q.ending_before);
    const before = end < 0 ? [] : items.slice(0, end);
    slice = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    const start = q.starting_after ? items.findIndex((o) => o.id === q.starting_after) + 1 : 0;
    const rest = start <= 0 && q.starting_after ? [] : items.slice(start);
    slice = rest.slice(0, limit);
    hasMore = rest.length > limit;
  }
  return { object: "list" as const, data: slice, has_more: hasMore, url };
}
