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

  const all = books.list(entity);
  const sample = all[0] ? books.render(entity, all[0]) : undefined;
  let where: WhereExpr | undefined;
  const whereText = q.get("where");
  if (whereText !== null && whereText.trim()) {
    where = parseWhere(whereText);
    const unknown = whereFields(where).find((f) => !knownField(entity, f, sample));
    if (unknown) throw new WhereError(`No property or field '${unknown}' exists in type '${entity.replace(/s$/, "")}'`);
  }
  const order = q.get("order");
  const cmp = order ? orderBy(entity, order, sample) : undefined;

  // Records are rendered lazily: only what `where`, `order` or the answer needs (a 100,000-invoice
  // pull pages through the same list a thousand times).
  type Row = { r: XeroRecord; j?: Record<string, unknown> };
  const view = (x: Row) => (x.j ??= books.render(entity, x.r));
  let rows: Row[] = (cmp ? all : books.ordered(entity)).map((r) => ({ r }));
  // If-Modified-Since: only records updated after the given time (Xero compares UpdatedDateUTC).
  if (!Number.isNaN(since)) rows = rows.filter(({ r }) => r.updatedAt > since);
  if (ids) rows = rows.filter(({ r }) => ids.some((id) => id.toLowerCase() === r.id.toLowerCase()));
  if (numbers) rows = rows.filter(({ r }) => numbers.includes(String(r.data.InvoiceNumber)));
  if (contactIds) rows = rows.filter(({ r }) => contactIds.some((c) => c.toLowerCase() === String((r.data.Contact as { ContactID?: string } | undefined)?.ContactID).toLowerCase()));
  if (statuses) rows = rows.filter(({ r }) => statuses.includes(String(r.data.Status)));
  // Archived contacts only come back with includeArchived=true (other collections have no ARCHIVED state).
  if (entity === "Contacts" && !includeArchived) rows = rows.filter(({ r }) => r.data.ContactStatus !== "ARCHIVED");
  if (mine) rows = rows.filter(({ r }) => r.createdBy === clientId);
  if (search) {
    const fields = entity === "Invoices" ? ["InvoiceNumber", "Reference"] : ["Name", "FirstName", "LastName", "EmailAddress", "ContactNumber"];
    rows = rows.filter(({ r }) => fields.some((f) => String(r.data[f] ?? "").toLowerCase().includes(search)));
  }
  if (where) rows = rows.filter((x) => evalWhere(where, view(x)));
  // Oldest change first by default (books.ordered), a stable order that paging and incremental syncs can rely on.
  if (cmp) rows.sort((a, b) => cmp(view(a), view(b)) || a.r.updatedAt - b.r.updatedAt || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));

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
    return json(200, envelope({ [entity]: rows.map((x) => shape(view(x), entity !== "Invoices")) }));
  }
  const pageNo = page ?? 1;
  const size = pageSize ?? PAGE_SIZE;
  const slice = rows.slice((pageNo - 1) * size, pageNo * size);
  return json(200, envelope({
    pagination: { page: pageNo, pageSize: size, pageCount: Math.ceil(rows.length / size), itemCount: rows.length },
    [entity]: slice.map((x) => shape(view(x), true)),
  }));
}
