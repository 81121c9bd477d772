import fs from "node:fs";
import path from "node:path";
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";
import { parse as parseYaml } from "yaml";
import { requireProviderSpecsDir } from "./provider-specs-dir";
import { atPointer, matchTemplate, responseSchema, toJsonSchema, type Json } from "./openapi-schema";

// ajv and ajv-formats are CommonJS with a `default` export; under ESM interop the default import
// may be the module object itself, so take `.default` when it is there.
type AjvCtor = typeof AjvModule;
const Ajv = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as AjvCtor;
type AddFormats = typeof formatsModule.default;
const addFormats = ((formatsModule as unknown as { default?: AddFormats }).default ?? formatsModule) as AddFormats;

/** Formats ajv-formats knows; anything else a spec names is accepted as free text. */
const KNOWN_FORMATS = new Set([
  "date", "time", "date-time", "duration", "uri", "uri-reference", "uri-template", "url", "email",
  "hostname", "ipv4", "ipv6", "regex", "uuid", "json-pointer", "relative-json-pointer", "byte",
  "int32", "int64", "float", "double", "password", "binary",
]);

/** The outcome of one validation: `errors` are human-readable, one per failed rule. */
export type ValidationResult = { ok: true; errors: [] } | { ok: false; errors: string[] };


/**
 * A loaded OpenAPI 3 (or Swagger 2, or plain JSON Schema / AsyncAPI) document that validates
 * response bodies and arbitrary values against its schemas. Compiled validators are cached per
 * (method, path, status) and per pointer, because compiling Stripe's schemas is the slow part.
 */
export class SpecValidator {
  private readonly ajv: InstanceType<AjvCtor>;
  private readonly doc: Json;
  private readonly docId: string;
  private readonly cache = new Map<string, ValidateFunction | string>();

  constructor(spec: unknown, name: string) {
    const raw = spec as Json;
    this.docId = `spec://${name.replace(/[^A-Za-z0-9._-]/g, "_")}`;
    const formats = new Set<string>();
    this.doc = toJsonSchema(raw, this.docId, formats);
    // strict: false — specs carry vendor keywords (x-*, example) that are not JSON Schema.
    // unicodeRegExp: false — some provider patterns (PayPal's e-mail regex) are not valid with the u flag.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, allowUnionTypes: true, unicodeRegExp: false });
    addFormats(this.ajv);
    this.ajv.addFormat("url", true);
    for (const f of formats) if (!KNOWN_FORMATS.has(f)) this.ajv.addFormat(f, true);
    const docSchema = { ...(this.doc as Record<string, Json>), $id: this.docId };
    delete (docSchema as Record<string, Json>).$schema; // draft-07 meta-schema ids confuse ajv's resolver
    this.ajv.addSchema(docSchema as object);
  }

  /** Path templates declared by the document (`/v1/customers/{customer}`). */
  paths(): string[] {
    const p = (this.doc as Record<string, Json>).paths;
    return p && typeof p === "object" && !Array.isArray(p) ? Object.keys(p) : [];
  }

  /** The template that a concrete request path matches, e.g. for `/v1/customers/cus_1`. */
  template(concretePath: string): string | undefined {
    return matchTemplate(this.paths(), concretePath);
  }

  /**
   * Validates `body` as the response of `method pathTemplate` with HTTP `status`. A concrete
   * path is accepted too and matched to its template.
   */
  validateResponse(method: string, pathOrTemplate: string, status: number, body: unknown): ValidationResult {
    const template = this.paths().includes(pathOrTemplate) ? pathOrTemplate : (this.template(pathOrTemplate) ?? pathOrTemplate);
    const key = `${method.toUpperCase()} ${template} ${status}`;
    let fn = this.cache.get(key);
    if (fn === undefined) {
      const found = responseSchema(this.doc, this.docId, method, template, status);
      fn = found.error ?? this.ajv.compile({ $id: `${this.docId}/op/${this.cache.size}`, ...(found.schema as object) });
      this.cache.set(key, fn);
    }
    return this.run(fn, body, key);
  }

  /** Validates `value` against the schema at a JSON pointer, e.g. `#/components/schemas/customer`. */
  validatePointer(pointer: string, value: unknown): ValidationResult {
    let fn = this.cache.get(pointer);
    if (fn === undefined) {
      const target = atPointer(this.doc, pointer);
      fn = target === undefined ? `no schema at ${pointer}` : this.ajv.compile({ $ref: `${this.docId}${pointer.startsWith("#") ? pointer : "#" + pointer}` });
      this.cache.set(pointer, fn);
    }
    return this.run(fn, value, pointer);
  }

  /** Like validateResponse, but throws an Error listing every mismatch (handy in tests). */
  assertResponse(method: string, pathOrTemplate: string, status: number, body: unknown): void {
    const r = this.validateResponse(method, pathOrTemplate, status, body);
    if (!r.ok) throw new Error(`${method.toUpperCase()} ${pathOrTemplate} ${status} does not match the spec:\n  ${r.errors.join("\n  ")}`);
  }

  private run(fn: ValidateFunction | string, value: unknown, what: string): ValidationResult {
    if (typeof fn === "string") return { ok: false, errors: [fn] };
    if (fn(value)) return { ok: true, errors: [] };
    return { ok: false, errors: formatErrors(fn.errors ?? [], what) };
  }
}

/**
 * One line per error: where in the body, what failed, and where in the spec. `anyOf` parents are
 * reported after their branches so the most specific cause comes first.
 */
export function formatErrors(errors: ErrorObject[], what: string): string[] {
  const lines = errors.map((e) => {
    const at = e.instancePath || "(root)";
    const extra = e.keyword === "additionalProperties" ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
      : e.keyword === "enum" ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : "";
    return `${at} ${e.message ?? e.keyword}${extra} [schema ${e.schemaPath}] (${what})`;
  });
  return [...new Set(lines)].slice(0, 25);
}

const loaded = new Map<string, SpecValidator>();

/**
 * Loads (once per process) a spec file: JSON, or YAML by extension. Relative paths are resolved
 * against the provider specs folder (provider-specs.ts), e.g. `loadSpec("stripe/spec3.yaml")`.
 */
export function loadSpec(file: string): SpecValidator {
  const specsDir = requireProviderSpecsDir();
  const full = path.isAbsolute(file) ? file : path.join(specsDir, file);
  let v = loaded.get(full);
  if (!v) {
    const text = fs.readFileSync(full, "utf8");
    const raw = (/\.ya?ml$/i.test(full) ? parseYaml(text, { maxAliasCount: -1 }) : JSON.parse(text)) as Json;
    v = new SpecValidator(raw, path.relative(specsDir, full) || path.basename(full));
    loaded.set(full, v);
  }
  return v;
}
