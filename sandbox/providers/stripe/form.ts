/**
 * Stripe's form encoding: nested objects and arrays in bracket syntax
 * (`metadata[order]=42`, `line_items[0][price]=price_1`, `expand[]=customer`). Stripe's SDKs send
 * every request this way, so the emulator must read it back into a nested object.
 */
export type FormValue = string | FormValue[] | { [k: string]: FormValue };
export type FormObject = { [k: string]: FormValue };

/** Parses an `application/x-www-form-urlencoded` body (or query string) in bracket syntax. */
export function parseStripeForm(raw: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!m) {
      root[key] = value;
      continue;
    }
    const path = [m[1], ...[...m[2].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1])];
    assign(root, path, value);
  }
  return normaliseArrays(root) as FormObject;
}

function assign(target: FormObject, path: string[], value: string) {
  let cur: FormObject = target;
  for (let i = 0; i < path.length - 1; i++) {
    let seg = path[i];
    if (seg === "") seg = String(Object.keys(cur).length); // `a[]` appends
    const existing = cur[seg];
    if (typeof existing !== "object" || existing === null || Array.isArray(existing)) cur[seg] = {};
    cur = cur[seg] as FormObject;
  }
  let last = path[path.length - 1];
  if (last === "") last = String(Object.keys(cur).length);
  cur[last] = value;
}

// Objects whose keys are all 0..n-1 become arrays (`line_items[0]…`, `expand[]`).
function normaliseArrays(v: FormValue): FormValue {
  if (typeof v === "string" || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  const entries = keys.map((k) => [k, normaliseArrays(v[k])] as const);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, x]) => x);
  }
  return Object.fromEntries(entries);
}

/** Encodes a nested object in the same bracket syntax (used by tests and the checkout page). */
export function encodeStripeForm(obj: Record<string, unknown>, prefix = ""): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (v === undefined || v === null) continue;
    if (typeof v === "object") {
      const inner = encodeStripeForm(Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [String(i), x])) : (v as Record<string, unknown>), key);
      if (inner) parts.push(inner);
    } else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join("&");
}
