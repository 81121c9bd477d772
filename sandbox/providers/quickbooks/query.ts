import { qboEntity, type QboEntity } from "./store";

/** One `where` condition of the QuickBooks query language. */
export type Condition = { field: string; op: "=" | "!=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE"; value: string | string[] };

/** A parsed `select … from … where … orderby … startposition … maxresults …` statement. */
export type QboQuery = {
  count: boolean;
  /** The fields of `select A, B from …` (top-level names), or undefined for `*`. */
  fields?: string[];
  entity: QboEntity;
  where: Condition[];
  orderBy?: { field: string; desc: boolean };
  startPosition: number;
  maxResults: number;
};

export class QueryError extends Error {}

const DEFAULT_MAX = 100;
const LIMIT_MAX = 1000;

/**
 * Parses the part of QuickBooks' SQL-like query language the hub uses. Anything else is a
 * QueryError, answered like QuickBooks' "Error parsing query" fault.
 */
export function parseQuery(text: string): QboQuery {
  const q = text.trim().replace(/\s+/g, " ");
  const m = /^select (\*|count\(\*\)|[\w.]+(?: ?, ?[\w.]+)*) from (\w+)(.*)$/i.exec(q);
  if (!m) throw new QueryError(`QueryParserError: Encountered unexpected input in "${text.slice(0, 80)}"`);
  const entity = qboEntity(m[2]);
  if (!entity) throw new QueryError(`QueryValidationError: Entity "${m[2]}" is not supported`);
  let rest = m[3].trim();
  const count = /^count\(\*\)$/i.test(m[1]);
  const fields = m[1] === "*" || count ? undefined : m[1].split(",").map((f) => f.trim());
  if (fields?.some((f) => f.includes("."))) throw new QueryError(`QueryValidationError: select lists name top-level properties, not "${fields.find((f) => f.includes("."))}"`);
  const out: QboQuery = { count, ...(fields ? { fields } : {}), entity, where: [], startPosition: 1, maxResults: DEFAULT_MAX };

  const tail = (re: RegExp) => {
    const t = re.exec(rest);
    if (!t) return undefined;
    rest = (rest.slice(0, t.index) + rest.slice(t.index + t[0].length)).trim();
    return t;
  };
  const max = tail(/\bmaxresults (\d+)\s*$/i);
  const start = tail(/\bstartposition (\d+)\s*$/i);
  const max2 = max ? undefined : tail(/\bmaxresults (\d+)\s*$/i);
  const order = tail(/\border ?by ([\w.]+)(?: (asc|desc))?\s*$/i);
  if (max ?? max2) out.maxResults = Math.min(LIMIT_MAX, Math.max(1, Number((max ?? max2)![1])));
  if (start) out.startPosition = Math.max(1, Number(start[1]));
  if (order) out.orderBy = { field: order[1], desc: (order[2] ?? "").toLowerCase() === "desc" };
  if (rest) {
    const w = /^where (.+)$/i.exec(rest);
    if (!w) throw new QueryError(`QueryParserError: Encountered "${rest.split(" ")[0]}"`);
    out.where = splitAnd(w[1]).map(condition);
  }
  return out;
}

/** Splits on AND outside quotes and parentheses (QuickBooks has no OR). */
function splitAnd(s: string): string[] {
  const parts: string[] = [];
  let depth = 0, quoted = false, cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && /^ and /i.test(s.slice(i, i + 5))) {
      parts.push(cur);
      cur = "";
      i += 4;
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const unquote = (v: string) => v.trim().replace(/^'(.*)'$/s, "$1").replace(/\\'/g, "'");

function condition(c: string): Condition {
  const inM = /^([\w.]+) in \((.*)\)$/i.exec(c);
  if (inM) return { field: inM[1], op: "IN", value: inM[2].split(",").map(unquote) };
  const m = /^([\w.]+) ?(<=|>=|!=|=|<|>| like ) ?(.+)$/i.exec(c);
  if (!m) throw new QueryError(`QueryParserError: Encountered "${c}"`);
  const op = m[2].trim().toUpperCase() as Condition["op"];
  return { field: m[1], op, value: unquote(m[3]) };
}

/** Reads a dotted field, case-insensitively (`Metadata.LastUpdatedTime` = `MetaData.LastUpdatedTime`). */
export function fieldValue(entity: Record<string, unknown>, path: string): unknown {
  let cur: unknown = entity;
  for (const key of path.split(".")) {
    if (!cur || typeof cur !== "object") return undefined;
    const o = cur as Record<string, unknown>;
    const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
    cur = k ? o[k] : undefined;
    // References compare by their value (`CustomerRef = '12'`).
    if (cur && typeof cur === "object" && "value" in (cur as object) && key === path.split(".").at(-1)) cur = (cur as { value: unknown }).value;
  }
  return cur;
}

function compare(a: unknown, b: string): number {
  if (typeof a === "number") return a - Number(b);
  if (typeof a === "boolean") return String(a) === b.toLowerCase() ? 0 : 1;
  const s = String(a ?? "");
  // Timestamps compare as instants (offsets differ between what is stored and what is asked).
  const ta = Date.parse(s), tb = Date.parse(b);
  if (/^\d{4}-\d{2}-\d{2}/.test(s) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return s.localeCompare(b);
}

export function matches(entity: Record<string, unknown>, c: Condition): boolean {
  const v = fieldValue(entity, c.field);
  if (c.op === "IN") return (c.value as string[]).some((x) => compare(v, x) === 0);
  if (c.op === "LIKE") {
    const re = new RegExp(`^${String(c.value).split("%").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
    return re.test(String(v ?? ""));
  }
  const d = compare(v, c.value as string);
  return c.op === "=" ? d === 0 : c.op === "!=" ? d !== 0 : c.op === "<" ? d < 0 : c.op === ">" ? d > 0 : c.op === "<=" ? d <= 0 : d >= 0;
}
