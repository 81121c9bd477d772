import { z } from "zod";
import { defaultMappings } from "./default-mappings";
import { LOCAL_FIELDS, PUSH_ONLY_ENTITIES, REMOTE_FIELDS, type SyncEntity } from "./fields";

/**
 * Field mapping: local field ↔ provider field (nested paths such as `PrimaryEmailAddr.Address`
 * or `Addresses[0].City`), a direction and a transform. Pull maps a provider record to the local
 * shape; push maps a local record to the provider's body. Validated before use: an unknown field
 * or a required field without a pull mapping is refused with its path.
 */
/** The lists pulled whole for mapping (tax codes and accounts picked in a lookup or constant transform). */
export const LOOKUP_KINDS = ["tax_rates", "accounts"] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];
/** A transform whose provider values are chosen from a pulled list names it; a save checks them against it. */
const list = z.enum(LOOKUP_KINDS).optional();

export const transformSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct") }),
  /** Provider decimal ↔ local minor units. */
  z.object({ kind: z.literal("money") }),
  /** Provider date (Xero `/Date(ms)/`, ISO) ↔ local YYYY-MM-DD. */
  z.object({ kind: z.literal("date") }),
  /** Value table, provider → local; `push` the other way (missing = first key whose value matches). */
  z.object({ kind: z.literal("lookup"), table: z.record(z.string(), z.string()), push: z.record(z.string(), z.string()).optional(), fallback: z.string().optional(), list }),
  /** Pushes a constant (the local field is ignored). */
  z.object({ kind: z.literal("constant"), value: z.union([z.string(), z.number(), z.boolean()]), list }),
  /** A provider id of another synced entity ↔ the local id it is linked to. */
  z.object({ kind: z.literal("ref"), entity: z.enum(["customers", "invoices"]) }),
  /** Pull only: provider money field minus another (QuickBooks TotalAmt − Balance = amount paid). */
  z.object({ kind: z.literal("difference"), minus: z.string() }),
  /** Pull only: "paid" when the provider's balance field is 0 and the total positive, else `otherwise`. */
  z.object({ kind: z.literal("balanceStatus"), balance: z.string(), otherwise: z.string() }),
]);
export type Transform = z.infer<typeof transformSchema>;

export const fieldMapSchema = z.object({
  local: z.string().min(1).max(64),
  remote: z.string().min(1).max(200),
  direction: z.enum(["both", "pull", "push"]).default("both"),
  transform: transformSchema.default({ kind: "direct" }),
});
export type FieldMap = z.infer<typeof fieldMapSchema>;

export const entityMappingSchema = z.object({
  fields: z.array(fieldMapSchema).max(100),
  /** Invoice lines: the provider's line array, which of its elements are lines, and their fields. */
  lines: z.object({
    remote: z.string().min(1).max(200),
    where: z.object({ path: z.string(), equals: z.string() }).optional(),
    fields: z.array(fieldMapSchema).max(50),
  }).optional(),
});
export type EntityMapping = z.infer<typeof entityMappingSchema>;

/** A mapping problem, with the path of the field that causes it (e.g. `fields.2.remote`). */
export class MappingError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "MappingError";
  }
}

const stripIndexes = (p: string) => p.replace(/\[\d+\]/g, "");

/**
 * Parses and checks a mapping for one provider entity: every local field known, every provider
 * path known, every required local field pulled. Throws MappingError with the field's path.
 */
export function validateMapping(provider: string, entity: SyncEntity, input: unknown): EntityMapping {
  const mapping = entityMappingSchema.parse(input);
  const local = LOCAL_FIELDS[entity];
  const remote = REMOTE_FIELDS[provider]?.[entity];
  if (!remote) throw new MappingError("provider", `${provider} has no ${entity} sync`);
  const check = (fields: FieldMap[], prefix: string, localKnown: Record<string, unknown>, remoteKnown: readonly string[]) => {
    fields.forEach((f, i) => {
      if (!(f.local in localKnown)) throw new MappingError(`${prefix}.${i}.local`, `unknown field "${f.local}"; known: ${Object.keys(localKnown).join(", ")}`);
      if (!remoteKnown.includes(stripIndexes(f.remote))) throw new MappingError(`${prefix}.${i}.remote`, `unknown ${provider} field "${f.remote}"`);
      if (f.transform.kind === "difference" && !remoteKnown.includes(stripIndexes(f.transform.minus))) {
        throw new MappingError(`${prefix}.${i}.transform.minus`, `unknown ${provider} field "${f.transform.minus}"`);
      }
    });
  };
  check(mapping.fields, "fields", local.fields, remote.fields);
  // A pushed-only entity needs its required fields sent to the provider; the others read from it.
  const pushOnly = PUSH_ONLY_ENTITIES.includes(entity);
  for (const [name, spec] of Object.entries(local.fields)) {
    if (spec.required && !mapping.fields.some((f) => f.local === name && f.direction !== (pushOnly ? "pull" : "push"))) {
      throw new MappingError(`fields.${name}`, `"${name}" is required and must be mapped ${pushOnly ? "to" : "from"} a ${provider} field`);
    }
  }
  if (mapping.lines) {
    if (!local.lines || !remote.lines) throw new MappingError("lines", `${entity} have no lines`);
    if (!remote.fields.includes(mapping.lines.remote)) throw new MappingError("lines.remote", `unknown ${provider} field "${mapping.lines.remote}"`);
    check(mapping.lines.fields, "lines.fields", local.lines, remote.lines);
  }
  return mapping;
}

/**
 * The provider values a mapping takes from pulled lists, with their paths: a constant's value, a
 * lookup's provider values (its table's keys and its push table's values).
 */
export function listValues(mapping: EntityMapping): { path: string; kind: LookupKind; value: string }[] {
  const out: { path: string; kind: LookupKind; value: string }[] = [];
  const walk = (fields: FieldMap[], prefix: string) => fields.forEach((f, i) => {
    const t = f.transform;
    const at = `${prefix}.${i}.transform`;
    if (t.kind === "constant" && t.list) out.push({ path: `${at}.value`, kind: t.list, value: String(t.value) });
    if (t.kind === "lookup" && t.list) {
      const kind = t.list;
      for (const key of Object.keys(t.table)) out.push({ path: `${at}.table.${key}`, kind, value: key });
      for (const [local, value] of Object.entries(t.push ?? {})) out.push({ path: `${at}.push.${local}`, kind, value });
    }
  });
  walk(mapping.fields, "fields");
  if (mapping.lines) walk(mapping.lines.fields, "lines.fields");
  return out;
}

/** The mapping a connection uses: its saved override, else the provider's default. */
export function mappingFor(provider: string, entity: SyncEntity, override?: unknown): EntityMapping {
  const m = override ?? defaultMappings[provider]?.[entity];
  if (!m) throw new MappingError("provider", `${provider} has no ${entity} mapping`);
  return validateMapping(provider, entity, m);
}

// ── paths ────────────────────────────────────────────────────────────────────────────────────

/** Paths split once: a pull reads every mapped path of every record (measured: 4% of a large pull's time went to splitting them again). */
const splitPaths = new Map<string, readonly string[]>();
function segments(path: string): readonly string[] {
  let segs = splitPaths.get(path);
  if (!segs) {
    segs = path.split(".").flatMap((s) => s.split(/\[(\d+)\]/).filter(Boolean));
    // Paths come from mappings (a bounded set); the cap only guards against a caller passing data.
    if (splitPaths.size >= 10_000) splitPaths.clear();
    splitPaths.set(path, segs);
  }
  return segs;
}

/** The value at a nested path (`Addresses[0].City`), or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const s of segments(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** Sets a nested path, creating objects (and arrays for numeric segments) on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = segments(path);
  let cur: Record<string, unknown> = obj;
  segs.forEach((s, i) => {
    if (i === segs.length - 1) {
      cur[s] = value;
      return;
    }
    if (cur[s] === undefined || typeof cur[s] !== "object") cur[s] = /^\d+$/.test(segs[i + 1]!) ? [] : {};
    cur = cur[s] as Record<string, unknown>;
  });
}

// ── transforms ───────────────────────────────────────────────────────────────────────────────

const toMinor = (v: unknown) => (typeof v === "number" || (typeof v === "string" && v.trim() !== "") ? Math.round(Number(v) * 100) : undefined);
const fromMinor = (v: unknown) => (typeof v === "number" ? v / 100 : undefined);

function toIsoDay(v: unknown): string | undefined {
  if (typeof v !== "string" || !v) return undefined;
  const ms = /^\/Date\((-?\d+)/.exec(v);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
}

/** How pull resolves a `ref`: provider id → local id (undefined when not linked yet). */
export type RefEntity = "customers" | "invoices";
export type RefResolver = (entity: RefEntity, externalId: string) => string | undefined;

function pullValue(f: FieldMap, raw: Record<string, unknown>, refs: RefResolver): unknown {
  const v = getPath(raw, f.remote);
  const t = f.transform;
  switch (t.kind) {
    case "direct": return v ?? null;
    case "money": return toMinor(v) ?? 0;
    case "date": return toIsoDay(v) ?? null;
    case "lookup": return (typeof v === "string" ? t.table[v] : undefined) ?? t.fallback ?? null;
    case "constant": return undefined;
    case "ref": return typeof v === "string" || typeof v === "number" ? (refs(t.entity, String(v)) ?? null) : null;
    case "difference": return (toMinor(v) ?? 0) - (toMinor(getPath(raw, t.minus)) ?? 0);
    case "balanceStatus": {
      const total = toMinor(v) ?? 0;
      return total > 0 && (toMinor(getPath(raw, t.balance)) ?? 0) === 0 ? "paid" : t.otherwise;
    }
  }
}

function pushValue(f: FieldMap, local: Record<string, unknown>, refs: RefResolver): unknown {
  const v = local[f.local];
  const t = f.transform;
  switch (t.kind) {
    case "direct": return v ?? undefined;
    case "money": return fromMinor(v);
    case "date": return typeof v === "string" ? v : undefined;
    case "lookup": {
      if (typeof v !== "string") return undefined;
      return t.push?.[v] ?? Object.entries(t.table).find(([, l]) => l === v)?.[0];
    }
    case "constant": return t.value;
    case "ref": return typeof v === "string" ? refs(t.entity, v) : undefined;
    case "difference":
    case "balanceStatus": return undefined;
  }
}

const pulls = (f: FieldMap) => f.direction !== "push" && f.transform.kind !== "constant";
const pushes = (f: FieldMap) => f.direction !== "pull" && !["difference", "balanceStatus"].includes(f.transform.kind);

/** The fields a mapping pulls, found once per mapping object rather than once per record and line. */
const pulledOf = new WeakMap<EntityMapping, { fields: FieldMap[]; lineFields: FieldMap[] }>();
function pulledMaps(mapping: EntityMapping) {
  let p = pulledOf.get(mapping);
  if (!p) {
    p = { fields: mapping.fields.filter(pulls), lineFields: mapping.lines?.fields.filter(pulls) ?? [] };
    pulledOf.set(mapping, p);
  }
  return p;
}

/** A local record from a provider record (only the fields the mapping pulls). */
export function mapPull(mapping: EntityMapping, raw: Record<string, unknown>, refs: RefResolver): Record<string, unknown> {
  const { fields, lineFields } = pulledMaps(mapping);
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.local] = pullValue(f, raw, refs);
  if (mapping.lines) {
    const list = getPath(raw, mapping.lines.remote);
    const where = mapping.lines.where;
    const lines: Record<string, unknown>[] = [];
    for (const l of Array.isArray(list) ? list : []) {
      if (where && getPath(l, where.path) !== where.equals) continue;
      const line: Record<string, unknown> = {};
      for (const f of lineFields) line[f.local] = pullValue(f, l as Record<string, unknown>, refs);
      lines.push(line);
    }
    out.lines = lines;
  }
  return out;
}

/**
 * A provider body from a local record (`resolveLocal` maps a local id of a ref to the provider
 * id; local ids are passed through `refs` the other way round).
 */
export function mapPush(mapping: EntityMapping, local: Record<string, unknown>, resolveLocal: RefResolver): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of mapping.fields.filter(pushes)) {
    const v = pushValue(f, local, resolveLocal);
    if (v !== undefined && v !== null) setPath(out, f.remote, v);
  }
  if (mapping.lines && Array.isArray(local.lines)) {
    setPath(out, mapping.lines.remote, (local.lines as Record<string, unknown>[]).map((l) => {
      const line: Record<string, unknown> = {};
      for (const f of mapping.lines!.fields.filter(pushes)) {
        const v = pushValue(f, l, resolveLocal);
        if (v !== undefined && v !== null) setPath(line, f.remote, v);
      }
      return line;
    }));
  }
  return out;
}

/** The local fields a mapping pulls: what the content hash covers on both sides. */
export function pulledFields(mapping: EntityMapping): { fields: string[]; lineFields: string[] } {
  const { fields, lineFields } = pulledMaps(mapping);
  return { fields: fields.map((f) => f.local), lineFields: lineFields.map((f) => f.local) };
}
