import type { SandboxResponse } from "../../core/http";
import { missingParam, noSuch } from "./errors";
import type { FormValue } from "./form";
import { lineItem, price, product } from "./objects";
import type { StripeObject } from "./store";
import type { StripeState } from "./state";

/** An error response in Stripe's shape, returned instead of line items. */
export type LineResult = SandboxResponse;

const isObj = (v: unknown): v is Record<string, FormValue> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Resolves `line_items[i][price]` or `line_items[i][price_data]` (with `product` or
 * `product_data`) and `quantity` into priced line items, or a Stripe error.
 */
export function resolveLines(s: StripeState, raw: FormValue | undefined): StripeObject[] | LineResult {
  const { store } = s;
  if (!Array.isArray(raw) || raw.length === 0) return missingParam("line_items");
  const out: StripeObject[] = [];
  for (const [i, li] of raw.entries()) {
    if (!isObj(li)) return missingParam(`line_items[${i}]`);
    const qty = typeof li.quantity === "string" ? Number(li.quantity) : 1;
    let pr: StripeObject | undefined;
    if (typeof li.price === "string") {
      pr = store.get("price", li.price);
      if (!pr) return noSuch("price", li.price, `line_items[${i}][price]`);
    } else if (isObj(li.price_data)) {
      const pd = li.price_data;
      let productId = typeof pd.product === "string" ? pd.product : undefined;
      if (!productId && isObj(pd.product_data)) productId = store.put(product(store, pd.product_data)).id;
      if (!productId) return missingParam(`line_items[${i}][price_data][product]`);
      // Inline prices are real (inactive) price objects in Stripe too.
      pr = store.put({ ...price(store, pd, productId), active: false });
    } else return missingParam(`line_items[${i}][price]`);
    out.push(lineItem(store, pr, qty));
  }
  return out;
}
