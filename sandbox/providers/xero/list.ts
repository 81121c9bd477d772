import { randomUUID } from "node:crypto";
import { json, type SandboxResponse } from "../../core/http";
import { msDate, parseXeroDate } from "./dates";
import { XERO_FIELDS } from "./fields";
import { XERO_ENTITIES, type XeroBooks, type XeroEntity, type XeroRecord } from "./store";
import { evalWhere, parseWhere, readPath, whereFields, WhereError, type WhereExpr } from "./where";

/**
 * Reading Xero collections: every query parameter a GET takes is evaluated (filters, `where`,
 * `order`, paging), and any other one is a {@link WhereError}, answered as Xero's 400.
 */

const PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** The envelope every Xero accounting answer has. */
export const envelope = (body: Record<string, unknown>) => ({ Id: randomUUID(), Status: "OK", ProviderName: "Integration Hub sandbox", DateTimeUTC: msDate(Date.now()), ...body });

/** Query parameters each GET collection takes (xero_accounting.yaml); any other one is refused, never ignored. */
const LIST_PARAMS: Record<XeroEntity, string[]> = {
  Invoices: ["where", "order", "IDs", "InvoiceNumbers", "ContactIDs", "Statuses", "page", "includeArchived", "createdByMyApp", "unitdp", "summaryOnly", "pageSize", "searchTerm"],
  Contacts: ["where", "order", "IDs", "page", "includeArchived", "summaryOnly", "searchTerm", "pageSize"],
  Payments: ["where", "order", "page", "pageSize"],
  Items: ["where", "order", "unitdp"],
  Accounts: ["where", "order"],
  TaxRates: ["where", "order"],
  BankTransactions: ["where", "order", "page", "unitdp", "pageSize"],
  CreditNotes: ["where", "order", "page", "unitdp", "pageSize"],
};
const STATUSES: Partial<Record<XeroEntity, string[]>> = { Invoices: ["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"] };
/** What summaryOnly=true leaves out (Xero's "computation-heavy" fields). */
const HEAVY: Partial<Record<XeroEntity, string[]>> = {
  Invoices: ["LineItems", "Payments", "CreditNotes", "Prepayments", "Overpayments"],
  Contacts: ["Addresses", "Phones", "ContactPersons", "Balances", "PaymentTerms", "ContactGroups"],
};

/**
 * The query parameters of a write or a single read: summarizeErrors (true/false), unitdp (2 or 4)
 * and allowBackorders (true/false: backorders concern tracked inventory, which the sandbox's items
 * never are, so either value books the same). Any other parameter is refused.
 */
export function writeParams(q: URLSearchParams, allowed: string[]) {
  for (const name of q.keys()) if (!allowed.includes(name)) throw new WhereError(`The query parameter "${name}" is not taken here (it takes ${allowed.join(", ")})`);
  flag(q, "allowBackorders");
  const unitdp = q.get("unitdp") === null ? 2 : Number(q.get("unitdp"));
  if (unitdp !== 2 && unitdp !== 4) throw new WhereError("unitdp must be 2 or 4");
  return { summarizeErrors: flag(q, "summarizeErrors") ?? true, unitdp };
}

/** Reads a boolean query parameter; anything but true/false is a query error. */
function flag(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^(true|false)$/i.test(v)) throw new WhereError(`${name} must be true or false, not "${v}"`);
  return v.toLowerCase() === "true";
}

function positiveInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new WhereError(`${name} must be a whole number of at least 1, not "${v}"`);
  return Number(v);
}

/** A comma-separated list parameter; `check` refuses a malformed element. */
function csv(q: URLSearchParams, name: string, check?: (s: string) => boolean): string[] | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const items = v.split(",").map((s) => s.trim().replace(/^"|"$/g, "")).filter(Boolean);
  const bad = check && items.find((s) => !check(s));
  if (bad !== undefined) throw new WhereError(`${name} has an invalid value "${bad}"`);
  return items;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `path` names a field of the collection (its schema's fields, or one the stored records carry). */
function knownField(entity: XeroEntity, path: string, sample: Record<string, unknown> | undefined): boolean {
  const top = path.split(".")[0].toLowerCase();
  return XERO_FIELDS[entity].some((f) => f.toLowerCase() === top) || (!!sample && Object.keys(sample).some((k) => k.toLowerCase() === top));
}

/** `order=Field [ASC|DESC], …` as a comparator over rendered records. */
function orderBy(entity: XeroEntity, order: string, sample: Record<string, unknown> | undefined) {
  const keys = order.split(",").map((part) => {
    const m = /^\s*([A-Za-z_][\w.]*)\s*(ASC|DESC)?\s*$/i.exec(part);
    if (!m) throw new WhereError(`order "${part.trim()}" is not "Field ASC|DESC"`);
    if (!knownField(entity, m[1], sample)) throw new WhereError(`No property or field '${m[1]}' exists in type '${entity.replace(/s$/, "")}'`);
    return { path: m[1], desc: (m[2] ?? "").toUpperCase() === "DESC" };
  });
  const value = (j: Record<string, unknown>, path: string) => {
    const v = readPath(j, path);
    const ms = typeof v === "string" && v.startsWith("/Date(") ? parseXeroDate(v) : NaN;
    return Number.isNaN(ms) ? v : ms;
  };
  return (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const k of keys) {
      const x = value(a, k.path), y = value(b, k.path);
      const d = x === y ? 0 : x === undefined || x === null ? -1 : y === undefined || y === null ? 1
        : typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      if (d) return k.desc ? -d : d;
    }
    return 0;
  };
}

/** Rounds line UnitAmounts to `unitdp` decimals (2 by default, as Xero answers). */
export function withUnitdp(j: Record<string, unknown>, unitdp: number) {
  if (!Array.isArray(j.LineItems)) return j;
  const f = 10 ** unitdp;
  return { ...j, LineItems: (j.LineItems as Record<string, unknown>[]).map((l) => (typeof l.UnitAmount === "number" ? { ...l, UnitAmount: Math.round(l.UnitAmount * f) / f } : l)) };
}

export function list(books: XeroBooks, entity: XeroEntity, q: URLSearchParams, ims: string | string[] | undefined, clientId: string): SandboxResponse {
  const allowed = LIST_PARAMS[entity];
  for (const name of q.keys()) {
    if (!allowed.includes(name)) {
      const near = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
      throw new WhereError(near ? `Query parameter "${name}" is spelled "${near}"` : `GET ${entity} does not take the query parameter "${name}" (it takes ${allowed.join(", ")})`);
    }
  }
  const header = Array.isArray(ims) ? ims[0] : ims;
  const since = header === undefined ? NaN : parseXeroDate(header);
  if (header !== undefined && Number.isNaN(since)) throw new WhereError(`If-Modified-Since "${header}" is not a date`);
  const ids = csv(q, "IDs", (s) => GUID.test(s) || entity === "TaxRates");
  const numbers = csv(q, "InvoiceNumbers");
  const contactIds = csv(q, "ContactIDs", (s) => GUID.test(s));
  const statuses = csv(q, "Statuses", (s) => (STATUSES[entity] ?? []).includes(s));
  const includeArchived = flag(q, "includeArchived") ?? false;
  const mine = flag(q, "createdByMyApp") ?? false;
  const summaryOnly = flag(q, "summaryOnly") ?? false;
  const page = positiveInt(q, "page");
  const pageSize = positiveInt(q, "pageSize");
  if (pageSize !== undefined && pageSize > MAX_PAGE_SIZE) throw new WhereError(`pageSize must be at most ${MAX_PAGE_SIZE}`);
  const unitdp = q.get("unitdp") === null ? 2 : Number(q.get("unitdp"));
  if (unitdp !== 2 && unitdp !== 4) throw new WhereError("unitdp must be 2 or 4");
  const search = q.get("searchTerm")?.toLowerCase();

  const first: XeroRecord | undefined = books.records[entity].values().next().value;
  const sample = first ? books.render(entity, first) : undefined;
  let where: WhereExpr | undefined;
  const whereText = q.get("where");
  if (whereText !== null && whereText.trim()) {
    where = parseWhere(whereText);
    const unknown = whereFields(where).find((f) => !knownField(entity, f, sample));
    if (unknown) throw new WhereError(`No property or field '${unknown}' exists in type '${entity.replace(/s$/, "")}'`);
  }
  const order = q.get("order");
  // `UpdatedDateUTC [ASC]` is the stored order (books.ordered: oldest change first, then by id), so
  // it needs no sort; any other order is evaluated on the rendered records.
  const cmp = order && !NATURAL_ORDER.test(order) ? orderBy(entity, order, sample) : undefined;

  // Records are rendered lazily: only what `where`, `order` or the answer needs, and the filters
  // walk the ordered index from the If-Modified-Since point on (found by binary search), so a
  // 100,000-invoice pull does not pay for the whole tenant on every page.
  const rendered = new Map<XeroRecord, Record<string, unknown>>();
  const view = (r: XeroRecord) => {
    let j = rendered.get(r);
    if (!j) rendered.set(r, (j = books.render(entity, r)));
    return j;
  };
  const byId = ids && pickByIds(books, entity, ids);
  const base = byId ?? books.ordered(entity);
  // If-Modified-Since: only records updated after the given time (Xero compares UpdatedDateUTC).
  const from = Number.isNaN(since) ? 0 : byId ? 0 : firstAfter(base, since);
  const tests: ((r: XeroRecord) => boolean)[] = [];
  if (!Number.isNaN(since) && byId) tests.push((r) => r.updatedAt > since);
  if (numbers) tests.push((r) => numbers.includes(String(r.data.InvoiceNumber)));
  if (contactIds) tests.push((r) => contactIds.some((c) => c.toLowerCase() === String((r.data.Contact as { ContactID?: string } | undefined)?.ContactID).toLowerCase()));
  if (statuses) tests.push((r) => statuses.includes(String(r.data.Status)));
  // Archived contacts only come back with includeArchived=true (other collections have no ARCHIVED state).
  if (entity === "Contacts" && !includeArchived) tests.push((r) => r.data.ContactStatus !== "ARCHIVED");
  if (mine) tests.push((r) => r.createdBy === clientId);
  if (search) {
    const fields = entity === "Invoices" ? ["InvoiceNumber", "Reference"] : ["Name", "FirstName", "LastName", "EmailAddress", "ContactNumber"];
    tests.push((r) => fields.some((f) => String(r.data[f] ?? "").toLowerCase().includes(search)));
  }
  if (where) tests.push((r) => evalWhere(where, view(r)));
  let rows: readonly XeroRecord[];
  let offset = from;
  let count = base.length - from;
  if (tests.length || cmp) {
    const kept: XeroRecord[] = [];
    for (let i = from; i < base.length; i++) if (tests.every((t) => t(base[i]!))) kept.push(base[i]!);
    // Oldest change first by default (books.ordered), a stable order that paging and incremental syncs can rely on.
    if (cmp) kept.sort((a, b) => cmp(view(a), view(b)) || a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    rows = kept;
    offset = 0;
    count = kept.length;
  } else {
    rows = base;
  }

  const shape = (j: Record<string, unknown>, lineItems: boolean) => {
    let out = withUnitdp(j, unitdp);
    if (!lineItems || summaryOnly) out = { ...out, LineItems: undefined };
    if (summaryOnly) for (const k of HEAVY[entity] ?? []) delete out[k];
    if (out.LineItems === undefined) delete out.LineItems;
    return out;
  };
  const paged = XERO_ENTITIES[entity].paged && (page !== undefined || pageSize !== undefined);
  if (!paged) {
    // Without `page`, Xero returns everything but leaves invoice line items out.
    return json(200, envelope({ [entity]: rows.slice(offset, offset + count).map((r) => shape(view(r), entity !== "Invoices")) }));
  }
  const pageNo = page ?? 1;
  const size = pageSize ?? PAGE_SIZE;
  const at = offset + (pageNo - 1) * size;
  const slice = rows.slice(Math.min(at, offset + count), Math.min(at + size, offset + count));
  return json(200, envelope({
    pagination: { page: pageNo, pageSize: size, pageCount: Math.ceil(count / size), itemCount: count },
    [entity]: slice.map((r) => shape(view(r), true)),
  }));
}

/** `order=UpdatedDateUTC` or `UpdatedDateUTC ASC`: the order records are kept in. */
const NATURAL_ORDER = /^\s*UpdatedDateUTC(\s+ASC)?\s*$/i;

/** The index of the first record (of `rows`, oldest change first) changed after `since`. */
function firstAfter(rows: readonly XeroRecord[], since: number): number {
  let lo = 0, hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.updatedAt > since) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The records `IDs=` names (ids compare case-insensitively), oldest change first like the full list. */
function pickByIds(books: XeroBooks, entity: XeroEntity, ids: string[]): XeroRecord[] {
  const store = books.records[entity];
  const found = new Map<string, XeroRecord>();
  let missed = false;
  for (const id of ids) {
    const r = store.get(id) ?? store.get(id.toLowerCase()) ?? store.get(id.toUpperCase());
    if (r) found.set(r.id, r);
    else missed = true;
  }
  if (missed) {
    // An id in another case than stored (or unknown): compare against every id once.
    const wanted = new Set(ids.map((id) => id.toLowerCase()));
    for (const r of store.values()) if (wanted.has(r.id.toLowerCase())) found.set(r.id, r);
  }
  return [...found.values()].sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
