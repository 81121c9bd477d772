import { parseXeroDate } from "./dates";

/**
 * Xero's `where` filter language (a subset of .NET dynamic LINQ), parsed by a tokenizer and a
 * recursive-descent parser and evaluated against a record's Xero JSON:
 *
 *   expr    := or
 *   or      := and (("OR" | "||") and)*
 *   and     := unary (("AND" | "&&") unary)*
 *   unary   := ("NOT" | "!") unary | primary
 *   primary := "(" expr ")" | operand (cmp operand)?
 *   operand := literal | path ("." method "(" string ")")?
 *   cmp     := "==" | "=" | "!=" | "<>" | "<" | ">" | "<=" | ">="
 *   literal := string | number | true | false | null | Guid("…") | DateTime(y, m, d[, h, mi, s])
 *   method  := Contains | StartsWith | EndsWith
 *
 * Anything outside this grammar, an unknown field, or a comparison of incompatible types is a
 * {@link WhereError}, which the API answers as Xero's 400 QueryParseException — never ignored.
 */
export class WhereError extends Error {}

type Tok = { t: "str" | "num" | "id" | "op" | "end"; v: string; at: number };
type Lit = { t: "string"; v: string } | { t: "number"; v: number } | { t: "bool"; v: boolean } | { t: "null" } | { t: "guid"; v: string } | { t: "date"; v: number };
type Op = "==" | "!=" | "<" | ">" | "<=" | ">=";
export type WhereExpr =
  | { k: "and" | "or"; l: WhereExpr; r: WhereExpr }
  | { k: "not"; e: WhereExpr }
  | { k: "cmp"; op: Op; field: string; value: Lit }
  | { k: "call"; method: "Contains" | "StartsWith" | "EndsWith"; field: string; arg: string }
  | { k: "flag"; field: string };

const OPS = ["==", "!=", "<>", "<=", ">=", "&&", "||", "=", "<", ">", "!", "(", ")", ",", "."];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '"') {
      let v = "";
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) v += s[j] === "\\" && j + 1 < s.length ? s[++j] : s[j];
      if (j >= s.length) throw new WhereError(`Unterminated string literal at position ${i}`);
      out.push({ t: "str", v, at: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(s.slice(i));
    if (num && (ch !== "-" || !out.length || out.at(-1)!.t === "op")) { out.push({ t: "num", v: num[0], at: i }); i += num[0].length; continue; }
    const id = /^[A-Za-z_]\w*/.exec(s.slice(i));
    if (id) { out.push({ t: "id", v: id[0], at: i }); i += id[0].length; continue; }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new WhereError(`Syntax error at position ${i}: unexpected '${ch}'`);
    out.push({ t: "op", v: op, at: i });
    i += op.length;
  }
  out.push({ t: "end", v: "", at: s.length });
  return out;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a `where` string into an expression tree; throws {@link WhereError}. */
export function parseWhere(text: string): WhereExpr {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const isKw = (t: Tok, ...words: string[]) => t.t === "id" && words.includes(t.v.toUpperCase());
  const isOp = (t: Tok, ...ops: string[]) => t.t === "op" && ops.includes(t.v);
  const expect = (v: string) => {
    const t = next();
    if (!isOp(t, v)) throw new WhereError(`Syntax error at position ${t.at}: '${v}' expected`);
  };

  const or = (): WhereExpr => {
    let l = and();
    while (isKw(peek(), "OR") || isOp(peek(), "||")) { next(); l = { k: "or", l, r: and() }; }
    return l;
  };
  const and = (): WhereExpr => {
    let l = unary();
    while (isKw(peek(), "AND") || isOp(peek(), "&&")) { next(); l = { k: "and", l, r: unary() }; }
    return l;
  };
  const unary = (): WhereExpr => {
    if (isKw(peek(), "NOT") || isOp(peek(), "!")) { next(); return { k: "not", e: unary() }; }
    return primary();
  };

  type Operand = { kind: "lit"; lit: Lit } | { kind: "path"; path: string } | { kind: "call"; e: WhereExpr };
  const literal = (): Lit | undefined => {
    const t = peek();
    if (t.t === "str") { next(); return { t: "string", v: t.v }; }
    if (t.t === "num") { next(); return { t: "number", v: Number(t.v) }; }
    if (isKw(t, "TRUE", "FALSE")) { next(); return { t: "bool", v: t.v.toLowerCase() === "true" }; }
    if (isKw(t, "NULL")) { next(); return { t: "null" }; }
    if (t.t === "id" && (t.v === "Guid" || t.v === "DateTime") && isOp(toks[p + 1], "(")) {
      next(); next();
      if (t.v === "Guid") {
        const s = next();
        if (s.t !== "str" || !GUID.test(s.v)) throw new WhereError(`Guid() needs a quoted GUID at position ${s.at}`);
        expect(")");
        return { t: "guid", v: s.v.toLowerCase() };
      }
      const parts: number[] = [];
      for (;;) {
        const n = next();
        if (n.t !== "num" || !/^\d+$/.test(n.v)) throw new WhereError(`DateTime() takes whole numbers (year, month, day[, hour, minute, second]) at position ${n.at}`);
        parts.push(Number(n.v));
        if (isOp(peek(), ",")) { next(); continue; }
        expect(")");
        break;
      }
      if (parts.length !== 3 && parts.length !== 6) throw new WhereError("DateTime() takes 3 or 6 arguments");
      const [y, mo, d, h = 0, mi = 0, s = 0] = parts;
      const ms = Date.UTC(y, mo - 1, d, h, mi, s);
      const check = new Date(ms);
      if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw new WhereError(`DateTime(${parts.join(", ")}) is not a valid date`);
      return { t: "date", v: ms };
    }
    return undefined;
  };
  const operand = (): Operand => {
    const lit = literal();
    if (lit) return { kind: "lit", lit };
    const t = next();
    if (t.t !== "id") throw new WhereError(`Syntax error at position ${t.at}: a field or value expected`);
    const path = [t.v];
    while (isOp(peek(), ".")) {
      next();
      const seg = next();
      if (seg.t !== "id") throw new WhereError(`Syntax error at position ${seg.at}: a field name expected after '.'`);
      if (isOp(peek(), "(")) {
        if (seg.v !== "Contains" && seg.v !== "StartsWith" && seg.v !== "EndsWith") throw new WhereError(`No applicable method '${seg.v}' exists in type 'String'`);
        next();
        const arg = next();
        if (arg.t !== "str") throw new WhereError(`${seg.v}() takes a quoted string at position ${arg.at}`);
        expect(")");
        return { kind: "call", e: { k: "call", method: seg.v, field: path.join("."), arg: arg.v } };
      }
      path.push(seg.v);
    }
    return { kind: "path", path: path.join(".") };
  };
  const primary = (): WhereExpr => {
    if (isOp(peek(), "(")) {
      next();
      const e = or();
      expect(")");
      return e;
    }
    const left = operand();
    const t = peek();
    if (t.t === "op" && ["==", "=", "!=", "<>", "<", ">", "<=", ">="].includes(t.v)) {
      next();
      const right = operand();
      let op = (t.v === "=" ? "==" : t.v === "<>" ? "!=" : t.v) as Op;
      if (left.kind === "path" && right.kind === "lit") return { k: "cmp", op, field: left.path, value: right.lit };
      if (left.kind === "lit" && right.kind === "path") {
        const flip: Record<Op, Op> = { "==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<=" };
        op = flip[op];
        return { k: "cmp", op, field: right.path, value: left.lit };
      }
      if (left.kind === "call" && right.kind === "lit" && right.lit.t === "bool" && (op === "==" || op === "!=")) {
        return right.lit.v === (op === "==") ? left.e : { k: "not", e: left.e };
      }
      throw new WhereError(`Syntax error at position ${t.at}: compare a field with a value`);
    }
    if (left.kind === "call") return left.e;
    if (left.kind === "path") return { k: "flag", field: left.path };
    throw new WhereError(`Syntax error at position ${t.at}: a condition expected`);
  };

  const e = or();
  if (peek().t !== "end") throw new WhereError(`Syntax error at position ${peek().at}: unexpected '${peek().v}'`);
  return e;
}

/** Every field path an expression reads, to check them against the entity's fields up front. */
export function whereFields(e: WhereExpr): string[] {
  switch (e.k) {
    case "and": case "or": return [...whereFields(e.l), ...whereFields(e.r)];
    case "not": return whereFields(e.e);
    default: return [e.field];
  }
}

/** Reads a dotted path case-insensitively, as Xero's field names are. */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  let cur: unknown = record;
  for (const key of path.split(".")) {
    if (!cur || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    const o = cur as Record<string, unknown>;
    const k = key in o ? key : Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
    cur = k === undefined ? undefined : o[k];
  }
  return cur;
}

const order = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

function compare(op: Op, field: string, v: unknown, lit: Lit): boolean {
  if (lit.t === "null") {
    const isNull = v === undefined || v === null || v === "";
    if (op === "==") return isNull;
    if (op === "!=") return !isNull;
    throw new WhereError(`Operator '${op}' incompatible with null`);
  }
  if (v === undefined || v === null) return op === "!=";
  let d: number;
  switch (lit.t) {
    case "guid":
      if (op !== "==" && op !== "!=") throw new WhereError(`Operator '${op}' incompatible with operand types 'Guid' and 'Guid'`);
      d = String(v).toLowerCase() === lit.v ? 0 : 1;
      break;
    case "date": {
      const ms = parseXeroDate(v);
      if (Number.isNaN(ms)) throw new WhereError(`Operator '${op}' incompatible with operand types '${typeof v}' and 'DateTime' (${field})`);
      d = order(ms, lit.v);
      break;
    }
    case "number": {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (Number.isNaN(n)) throw new WhereError(`Operator '${op}' incompatible with operand types '${typeof v}' and 'Decimal' (${field})`);
      d = order(n, lit.v);
      break;
    }
    case "bool":
      if (typeof v !== "boolean" || (op !== "==" && op !== "!=")) throw new WhereError(`Operator '${op}' incompatible with operand types '${typeof v}' and 'Boolean' (${field})`);
      d = v === lit.v ? 0 : 1;
      break;
    case "string":
      if (typeof v === "object") throw new WhereError(`Operator '${op}' incompatible with operand types 'Object' and 'String' (${field})`);
      d = order(String(v), lit.v);
      break;
  }
  return op === "==" ? d === 0 : op === "!=" ? d !== 0 : op === "<" ? d < 0 : op === ">" ? d > 0 : op === "<=" ? d <= 0 : d >= 0;
}

/** Evaluates an expression against a record's Xero JSON; throws {@link WhereError} on a type mismatch. */
export function evalWhere(e: WhereExpr, record: Record<string, unknown>): boolean {
  switch (e.k) {
    case "and": return evalWhere(e.l, record) && evalWhere(e.r, record);
    case "or": return evalWhere(e.l, record) || evalWhere(e.r, record);
    case "not": return !evalWhere(e.e, record);
    case "flag": {
      const v = readPath(record, e.field);
      if (v !== undefined && typeof v !== "boolean") throw new WhereError(`Expression of type 'Boolean' expected (${e.field})`);
      return v === true;
    }
    case "call": {
      const v = readPath(record, e.field);
      if (v === undefined || v === null) return false;
      if (typeof v !== "string") throw new WhereError(`No applicable method '${e.method}' exists in type '${typeof v}' (${e.field})`);
      const s = v.toLowerCase(), a = e.arg.toLowerCase();
      return e.method === "Contains" ? s.includes(a) : e.method === "StartsWith" ? s.startsWith(a) : s.endsWith(a);
    }
    case "cmp": return compare(e.op, e.field, readPath(record, e.field), e.value);
  }
}
