/**
 * Stripe customers, products, prices, webhook endpoints and events:
 * /v1/customers, /v1/products, /v1/prices, /v1/webhook_endpoints, /v1/events.
 */
import { randomBytes } from "node:crypto";
import type { Router } from "../../core/http";
import { missingParam, noSuch } from "./errors";
import type { FormObject } from "./form";
import { customer, mergeMetadata, price, product, updateCustomer, webhookEndpoint } from "./objects";
import { paginate, type StripeObject } from "./store";
import { idempotent, params, type StripeState } from "./state";

const ok = (body: unknown) => ({ status: 200, body });

/** Filters a list by simple equality params (`email`, `customer`, `status`, `active`, `product`). */
export function filtered(items: StripeObject[], q: FormObject, keys: string[]) {
  return items.filter((o) => keys.every((k) => typeof q[k] !== "string" || String(o[k]) === q[k]));
}

export function mountCore(r: Router, s: StripeState) {
  const { store, events } = s;

  r.post("/v1/customers", idempotent(s, (req) => {
    const c = store.put(customer(store, params(req)));
    events.emit("customer.created", c);
    return ok(c);
  }));
  r.get("/v1/customers", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("customer"), q, ["email"]), q as Record<string, string>, "/v1/customers"));
  });
  r.get("/v1/customers/:id", (req) => {
    const c = store.get("customer", req.params.id);
    return c ? ok(c) : noSuch("customer", req.params.id);
  });
  r.post("/v1/customers/:id", idempotent(s, (req) => {
    const c = store.get("customer", req.params.id);
    if (!c) return noSuch("customer", req.params.id);
    const p = params(req);
    const previous = Object.fromEntries(Object.keys(p).filter((k) => k in c).map((k) => [k, structuredClone(c[k])]));
    events.emit("customer.updated", updateCustomer(c, p), previous);
    return ok(c);
  }));
  r.delete("/v1/customers/:id", (req) => {
    const c = store.get("customer", req.params.id);
    if (!c) return noSuch("customer", req.params.id);
    store.remove("customer", c.id);
    events.emit("customer.deleted", c);
    return ok({ id: c.id, object: "customer", deleted: true });
  });

  r.post("/v1/products", idempotent(s, (req) => {
    const p = params(req);
    if (!p.name) return missingParam("name");
    const prod = store.put(product(store, p));
    events.emit("product.created", prod);
    const dp = p.default_price_data;
    if (dp && typeof dp === "object" && !Array.isArray(dp)) {
      const pr = store.put(price(store, dp, prod.id));
      prod.default_price = pr.id;
      events.emit("price.created", pr);
    }
    return ok(prod);
  }));
  r.get("/v1/products", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("product"), q, ["active"]), q as Record<string, string>, "/v1/products"));
  });
  r.get("/v1/products/:id", (req) => {
    const p = store.get("product", req.params.id);
    return p ? ok(p) : noSuch("product", req.params.id);
  });
  r.post("/v1/products/:id", idempotent(s, (req) => {
    const prod = store.get("product", req.params.id);
    if (!prod) return noSuch("product", req.params.id);
    const p = params(req);
    for (const k of ["name", "description", "default_price"] as const) if (typeof p[k] === "string") prod[k] = p[k];
    if ("active" in p) prod.active = p.active !== "false";
    if ("metadata" in p) prod.metadata = mergeMetadata(prod.metadata, p.metadata);
    prod.updated = Math.floor(Date.now() / 1000);
    events.emit("product.updated", prod);
    return ok(prod);
  }));

  r.post("/v1/prices", idempotent(s, (req) => {
    const p = params(req);
    let productId = typeof p.product === "string" ? p.product : undefined;
    const pd = p.product_data;
    if (!productId && pd && typeof pd === "object" && !Array.isArray(pd)) {
      const prod = store.put(product(store, pd));
      events.emit("product.created", prod);
      productId = prod.id;
    }
    if (!productId) return missingParam("product");
    if (!store.get("product", productId)) return noSuch("product", productId, "product");
    if (typeof p.currency !== "string") return missingParam("currency");
    const pr = store.put(price(store, p, productId));
    events.emit("price.created", pr);
    return ok(pr);
  }));
  r.get("/v1/prices", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("price"), q, ["product", "active", "currency"]), q as Record<string, string>, "/v1/prices"));
  });
  r.get("/v1/prices/:id", (req) => {
    const p = store.get("price", req.params.id);
    return p ? ok(p) : noSuch("price", req.params.id);
  });

  r.post("/v1/webhook_endpoints", idempotent(s, (req) => {
    const p = params(req);
    if (typeof p.url !== "string") return missingParam("url");
    if (!Array.isArray(p.enabled_events)) return missingParam("enabled_events");
    const secret = `whsec_${randomBytes(24).toString("base64url")}`;
    return ok(store.put(webhookEndpoint(store, p, secret)));
  }));
  // The secret is only returned on creation, as Stripe does.
  const hideSecret = (w: StripeObject) => Object.fromEntries(Object.entries(w).filter(([k]) => k !== "secret"));
  r.get("/v1/webhook_endpoints", (req) => {
    const q = params(req);
    const page = paginate(store.all("webhook_endpoint"), q as Record<string, string>, "/v1/webhook_endpoints");
    return ok({ ...page, data: page.data.map(hideSecret) });
  });
  r.get("/v1/webhook_endpoints/:id", (req) => {
    const w = store.get("webhook_endpoint", req.params.id);
    return w ? ok(hideSecret(w)) : noSuch("webhook endpoint", req.params.id);
  });
  r.delete("/v1/webhook_endpoints/:id", (req) => {
    if (!store.remove("webhook_endpoint", req.params.id)) return noSuch("webhook endpoint", req.params.id);
    return ok({ id: req.params.id, object: "webhook_endpoint", deleted: true });
  });

  r.get("/v1/events", (req) => {
    const q = params(req);
    return ok(paginate(filtered(store.all("event"), q, ["type"]), q as Record<string, string>, "/v1/events"));
  });
  r.get("/v1/events/:id", (req) => {
    const e = store.get("event", req.params.id);
    return e ? ok(e) : noSuch("event", req.params.id);
  });
}
