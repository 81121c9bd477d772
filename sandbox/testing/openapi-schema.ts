/**
 * Turns the schema dialect of an OpenAPI 3.0 / Swagger 2.0 document into plain JSON Schema
 * (draft-07) that ajv understands. Pure functions: no I/O, so they are unit-testable.
 *
 * Differences handled, and why:
 * - `nullable: true` (OpenAPI 3.0) has no JSON Schema meaning; without this, every `null` a
 *   provider legitimately sends (Stripe sends many) would fail validation.
 * - `x-nullable: true` is the Swagger 2.0 vendor spelling of the same.
 * - Local `$ref`s (`#/components/...`, `#/definitions/...`) are rewritten to `<docId>#/...` so a
 *   response schema pulled out of the document still resolves against the whole document.
 * - `discriminator` is dropped: ajv only accepts a narrow form of it and the specs' `oneOf`s
 *   already carry the meaning.
 */

/** A JSON value in a spec document. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "schemas", "$defs"]);

/**
 * Returns a converted deep copy of `node`, collecting every `format` name it meets into
 * `formats` (so unknown provider formats such as Stripe's `unix-time` can be registered as
 * permissive instead of making ajv throw).
 */
export function toJsonSchema(node: Json, docId: string, formats: Set<string>): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, docId, formats));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "discriminator" && isObj(v)) continue;
    if (k === "$ref" && typeof v === "string") {
      out.$ref = v.startsWith("#") ? `${docId}${v}` : v;
      continue;
    }
    if (k === "format" && typeof v === "string") formats.add(v);
    if (SCHEMA_MAPS.has(k) && isObj(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, toJsonSchema(s, docId, formats)]));
      continue;
    }
    out[k] = toJsonSchema(v, docId, formats);
  }
  return applyNullable(out);
}

function applyNullable(s: Obj): Obj {
  const nullable = s.nullable === true || s["x-nullable"] === true;
  if (!nullable) return s;
  const rest: Obj = { ...s };
  delete rest.nullable;
  delete rest["x-nullable"];
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === "string" && !rest.$ref && !rest.anyOf && !rest.oneOf && !rest.allOf) {
    return { ...rest, type: [rest.type, "null"] };
  }
  // Composite or $ref schemas: allow null beside whatever the schema allows.
  return { anyOf: [rest, { type: "null" }] };
}

/** Encodes one JSON-pointer segment (RFC 6901). */
export const pointerSegment = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** Reads the value at a JSON pointer (`#/a/b` or `/a/b`) inside `doc`. */
export function atPointer(doc: Json, pointer: string): Json | undefined {
  const p = pointer.replace(/^#/, "");
  if (p === "" || p === "/") return doc;
  let cur: Json | undefined = doc;
  for (const raw of p.split("/").slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObj(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** Follows `$ref`s (local, already rewritten or not) until a non-ref node is reached. */
export function deref(doc: Json, node: Json | undefined, docId: string): Json | undefined {
  let cur = node;
  for (let i = 0; i < 20 && isObj(cur) && typeof cur.$ref === "string"; i++) {
    const ref = cur.$ref.startsWith(docId) ? cur.$ref.slice(docId.length) : cur.$ref;
    if (!ref.startsWith("#")) return cur;
    cur = atPointer(doc, ref);
  }
  return cur;
}

/**
 * Finds the response schema of an operation: OpenAPI 3 (`content[type].schema`) or Swagger 2
 * (`schema`). Status lookup order: exact (`"200"`), range (`"2XX"`), then `"default"`.
 */
export function responseSchema(
  doc: Json,
  docId: string,
  method: string,
  pathTemplate: string,
  status: number,
): { schema?: Json; error?: string } {
  const paths = isObj(doc) ? doc.paths : undefined;
  const item = deref(doc, isObj(paths) ? paths[pathTemplate] : undefined, docId);
  if (!isObj(item)) return { error: `no path ${pathTemplate} in the spec` };
  const op = item[method.toLowerCase()];
  if (!isObj(op)) return { error: `no operation ${method.toUpperCase()} ${pathTemplate} in the spec` };
  const responses = op.responses;
  if (!isObj(responses)) return { error: `${method.toUpperCase()} ${pathTemplate} declares no responses` };
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, "default"].find((k) => k in responses);
  if (!key) return { error: `${method.toUpperCase()} ${pathTemplate} declares no response for status ${status}` };
  const res = deref(doc, responses[key], docId);
  if (!isObj(res)) return { error: `response ${key} of ${method.toUpperCase()} ${pathTemplate} is not an object` };
  if (res.schema !== undefined) return { schema: res.schema };
  const content = res.content;
  if (isObj(content)) {
    const type = Object.keys(content).find((t) => t.includes("json")) ?? Object.keys(content)[0];
    const media = type ? content[type] : undefined;
    if (isObj(media) && media.schema !== undefined) return { schema: media.schema };
  }
  return { schema: {} }; // a response without a body schema accepts any body
}

/** Matches a concrete path (`/v1/customers/cus_123`) to the spec's template (`/v1/customers/{customer}`). */
export function matchTemplate(templates: string[], concrete: string): string | undefined {
  const segs = concrete.split("/");
  const hits = templates.filter((t) => {
    const ts = t.split("/");
    return ts.length === segs.length && ts.every((s, i) => (s.startsWith("{") && s.endsWith("}") ? segs[i] !== "" : s === segs[i]));
  });
  // Prefer the template with the most literal segments (`/v1/customers/search` over `/{customer}`).
  const literals = (t: string) => t.split("/").filter((s) => !s.startsWith("{")).length;
  return hits.sort((a, b) => literals(b) - literals(a))[0];
}
