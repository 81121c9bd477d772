import fs from "node:fs";
import path from "node:path";
import AjvModule, { type ValidateFunction } from "ajv";
import { XMLParser } from "fast-xml-parser";
import { formatErrors, type ValidationResult } from "./openapi";
import { requireProviderSpecsDir } from "./provider-specs-dir";

type AjvCtor = typeof AjvModule;
const Ajv = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as AjvCtor;

type Node = Record<string, unknown>;
type Schema = Record<string, unknown>;

const arr = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const local = (qname: unknown) => String(qname ?? "").replace(/^.*:/, "");
const isXs = (qname: unknown) => String(qname ?? "").startsWith("xs:");

/** XML Schema built-ins as JSON Schema, for QuickBooks' JSON rendering of them. */
function builtin(name: string): Schema {
  switch (name) {
    case "boolean": return { type: "boolean" };
    case "int": case "integer": case "long": case "short": case "positiveInteger": case "nonNegativeInteger": return { type: "integer" };
    case "decimal": case "double": case "float": return { type: "number" };
    case "date": return { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}(Z|[+-]\\d{2}:\\d{2})?$" };
    case "dateTime": return { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?$" };
    default: return { type: "string" };
  }
}

/**
 * Turns QuickBooks' XSDs (Finance.xsd + IntuitBaseTypes.xsd + IntuitNamesTypes.xsd) into JSON
 * Schemas of their JSON form: every complex type becomes a closed object (unknown fields fail)
 * whose properties are its elements and attributes, inherited ones included; minOccurs ≥ 1 in
 * a sequence makes a field required; maxOccurs > 1 makes it an array; simple content becomes
 * `{ value, …attributes }` (how QuickBooks renders ReferenceType); enumerations are enums.
 */
export class QboXsd {
  private complex = new Map<string, Node>();
  private simple = new Map<string, Node>();
  private groups = new Map<string, Node>();
  private defs: Record<string, Schema> = {};
  private ajv = new Ajv({ strict: false, allErrors: true });
  private cache = new Map<string, ValidateFunction>();

  constructor(dir = path.join(requireProviderSpecsDir(), "quickbooks")) {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: () => false });
    for (const file of ["IntuitBaseTypes.xsd", "IntuitNamesTypes.xsd", "Finance.xsd"]) {
      const doc = parser.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Node;
      const schema = doc["xs:schema"] as Node;
      for (const ct of arr(schema["xs:complexType"])) this.complex.set(String(ct["@name"]), ct);
      for (const st of arr(schema["xs:simpleType"])) this.simple.set(String(st["@name"]), st);
      for (const g of arr(schema["xs:group"])) this.groups.set(String(g["@name"]), g);
    }
  }

  /** Names of the complex types the XSDs declare (Customer, Invoice, …). */
  has(type: string): boolean {
    return this.complex.has(type);
  }

  /** The JSON Schema of a complex type, with every referenced type under `$defs`. */
  schemaFor(type: string): Schema {
    this.ref(type);
    return { $ref: `#/$defs/${type}`, $defs: this.defs };
  }

  /** The elements (fields) a type allows and which are required, inheritance included. */
  fields(type: string): { allowed: string[]; required: string[] } {
    this.ref(type);
    const s = this.defs[type] as { properties?: Schema; required?: string[] };
    return { allowed: Object.keys(s.properties ?? {}), required: s.required ?? [] };
  }

  validate(type: string, value: unknown): ValidationResult {
    let fn = this.cache.get(type);
    if (!fn) {
      fn = this.ajv.compile(this.schemaFor(type));
      this.cache.set(type, fn);
    }
    return fn(value) ? { ok: true, errors: [] } : { ok: false, errors: formatErrors(fn.errors ?? [], `QuickBooks ${type}`) };
  }

  private ref(type: string): Schema {
    if (isXs(type)) return builtin(local(type));
    const name = local(type);
    if (this.complex.has(name)) {
      if (!(name in this.defs)) {
        this.defs[name] = {}; // placeholder first: types refer to themselves (Line → Line detail → …)
        this.defs[name] = this.complexSchema(this.complex.get(name)!);
      }
      return { $ref: `#/$defs/${name}` };
    }
    if (this.simple.has(name)) return this.simpleSchema(this.simple.get(name)!);
    throw new Error(`QuickBooks XSD has no type ${type}`);
  }

  private simpleSchema(st: Node): Schema {
    const r = st["xs:restriction"] as Node | undefined;
    if (r) {
      const enums = arr(r["xs:enumeration"]).map((e) => String(e["@value"]));
      const base = this.ref(String(r["@base"]));
      return enums.length ? { ...base, enum: enums } : base;
    }
    const u = st["xs:union"] as Node | undefined;
    if (u) return { anyOf: String(u["@memberTypes"] ?? "").split(/\s+/).filter(Boolean).map((t) => this.ref(t)) };
    return { type: "string" };
  }

  private complexSchema(ct: Node): Schema {
    const props: Schema = {};
    const required = new Set<string>();
    let open = false;
    const collect = (node: Node | undefined, optional: boolean) => {
      if (!node) return;
      for (const el of arr(node["xs:element"])) {
        const name = String(el["@name"] ?? local(el["@ref"]));
        const item = el["@type"] ? this.ref(String(el["@type"])) : el["xs:complexType"] ? this.complexSchema(el["xs:complexType"] as Node) : { type: "string" };
        const max = String(el["@maxOccurs"] ?? "1");
        props[name] = max === "unbounded" || Number(max) > 1 ? { type: "array", items: item } : item;
        if (!optional && String(el["@minOccurs"] ?? "1") !== "0") required.add(name);
      }
      for (const seq of arr(node["xs:sequence"])) collect(seq, optional || String(seq["@minOccurs"] ?? "1") === "0");
      // Only one branch of a choice is present, so none of its elements is required.
      for (const ch of arr(node["xs:choice"])) collect(ch, true);
      for (const g of arr(node["xs:group"])) collect(this.groups.get(local(g["@ref"])), optional || String(g["@minOccurs"] ?? "1") === "0");
      if (node["xs:any"]) open = true;
    };
    const attrs = (node: Node | undefined) => {
      for (const a of arr(node?.["xs:attribute"])) {
        props[String(a["@name"])] = a["@type"] ? this.ref(String(a["@type"])) : { type: "string" };
        if (a["@use"] === "required") required.add(String(a["@name"]));
      }
    };
    const inherit = (base: string) => {
      this.ref(base);
      const b = this.defs[local(base)] as { properties?: Schema; required?: string[]; additionalProperties?: boolean };
      Object.assign(props, b.properties ?? {});
      for (const r of b.required ?? []) required.add(r);
      if (b.additionalProperties !== false) open = true;
    };
    const cc = ct["xs:complexContent"] as Node | undefined;
    const sc = ct["xs:simpleContent"] as Node | undefined;
    if (cc) {
      const ext = (cc["xs:extension"] ?? cc["xs:restriction"]) as Node;
      inherit(String(ext["@base"]));
      collect(ext, false);
      attrs(ext);
    } else if (sc) {
      const ext = (sc["xs:extension"] ?? sc["xs:restriction"]) as Node;
      props.value = this.ref(String(ext["@base"]));
      attrs(ext);
    } else {
      collect(ct, false);
      attrs(ct);
    }
    return { type: "object", properties: props, ...(required.size ? { required: [...required] } : {}), additionalProperties: open };
  }
}

let shared: QboXsd | undefined;
/** One parsed set of XSDs per process (parsing Finance.xsd takes a moment). */
export const qboXsd = () => (shared ??= new QboXsd());
