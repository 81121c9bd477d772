import type { SandboxContext } from "../../core/context";
import { json, parseBody, type SandboxResponse } from "../../core/http";
import { sandboxPaths } from "../../config";
import { buildEntity, linkedInvoiceIds, missing, relinkInvoices } from "./entities";
import { fault, guard } from "./guard";
import { matches, parseQuery, QueryError, fieldValue } from "./query";
import { qboEntity, type QboCompany, type QboEntity, type QboRecord, type QboStore } from "./store";
import { qboDateTime } from "./time";

/** Called after every successful write, so the emulator can send QuickBooks' webhook. */
export type QboChangeListener = (company: QboCompany, entity: QboEntity, r: QboRecord, operation: "Create" | "Update" | "Delete") => void;

const now = () => qboDateTime(Date.now());
const READ_ONLY = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status", "LinkedTxn"];
/** Name-list entities are never deleted, only made inactive. */
const NAME_LISTS: QboEntity[] = ["Customer", "Item", "Vendor", "Account", "Term", "TaxCode", "TaxRate"];
/** Entities with Active: queries leave inactive ones out unless the where clause names Active. */
const HAS_ACTIVE: QboEntity[] = NAME_LISTS;

/** Mounts `/v3/company/:realm/…`: query, cdc, read, create/update (SyncToken), delete, companyinfo. */
export function mountQboApi(ctx: SandboxContext, store: QboStore, onChange: QboChangeListener) {
  const base = `${sandboxPaths.quickbooks.apiBaseUrl}/v3/company/:realm`;
  const { router } = ctx;
  // minorversion is accepted on every call and changes nothing here.

  const query = guard(ctx, store, ({ req, company }) => {
    const bad = checkParams(req.query, req.method === "POST" ? [] : ["query"]);
    if (bad) return bad;
    const text = req.method === "POST" ? req.rawBody : (req.query.get("query") ?? "");
    if (!text) return fault(missing("query"));
    try {
      return json(200, { QueryResponse: runQuery(company, text), time: now() });
    } catch (err) {
      if (err instanceof QueryError) return fault({ status: 400, code: "4000", message: "Error parsing query", detail: err.message });
      throw err;
    }
  });
  router.get(`${base}/query`, query);
  router.post(`${base}/query`, query);

  router.get(`${base}/cdc`, guard(ctx, store, ({ req, company }) => {
    const bad = checkParams(req.query, ["entities", "changedSince"]);
    if (bad) return bad;
    const entities = (req.query.get("entities") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const since = Date.parse(req.query.get("changedSince") ?? "");
    if (!entities.length) return fault(missing("entities"));
    if (Number.isNaN(since)) return fault(missing("changedSince"));
    // CDC looks back at most 30 days.
    if (since < Date.now() - 30 * 86400000) return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: "changedSince must be within the last 30 days" });
    const responses = [];
    for (const name of entities) {
      const entity = qboEntity(name);
      if (!entity) return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `Unsupported entity ${name}` });
      const rows = [...company.records[entity].values()].filter((r) => r.updated > since).sort((a, b) => a.updated - b.updated);
      responses.push(rows.length ? { [entity]: rows.map((r) => company.render(r)), startPosition: 1, maxResults: rows.length, totalCount: rows.length } : {});
    }
    return json(200, { CDCResponse: [{ QueryResponse: responses }], time: now() });
  }));

  router.get(`${base}/companyinfo/:id`, guard(ctx, store, ({ req, company }) => checkParams(req.query, []) ?? json(200, { CompanyInfo: company.companyInfo(), time: now() })));

  router.get(`${base}/:entity/:id`, guard(ctx, store, ({ req, company }) => {
    const bad = checkParams(req.query, []);
    if (bad) return bad;
    const entity = qboEntity(req.params.entity);
    const r = entity && company.records[entity].get(req.params.id);
    if (!entity || !r || r.deleted) return fault({ status: 400, code: "610", message: "Object Not Found", detail: `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.` });
    return json(200, { [entity]: company.render(r), time: now() });
  }));

  router.post(`${base}/:entity`, guard(ctx, store, ({ req, company }) => {
    const entity = qboEntity(req.params.entity);
    if (!entity) return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `Unsupported entity ${req.params.entity}` });
    const bad = checkParams(req.query, ["requestid", "operation", "include"]);
    if (bad) return bad;
    const include = req.query.get("include");
    if (include !== null && include !== "allowduplicatedocnum") return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `include=${include} is not supported on writes (allowduplicatedocnum is)` });
    // requestid: a retried write with the same id gets the first answer and is not applied again.
    const requestId = req.query.get("requestid");
    if (requestId !== null && (!requestId || requestId.length > 50)) return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: "requestid must be 1 to 50 characters" });
    const prior = requestId ? company.requests.get(requestId) : undefined;
    if (prior) return json(prior.status, prior.body);
    const res = write(company, entity, parseBody(req), req.query.get("operation"), include === "allowduplicatedocnum");
    const answer = "response" in res ? res.response : json(200, { [entity]: company.render(res.record), time: now() });
    if (requestId) company.requests.set(requestId, { status: answer.status, body: answer.body });
    if ("response" in res) return res.response;
    onChange(company, entity, res.record, res.operation);
    return answer;
  }));
}

/** QuickBooks' 400 for a query parameter an endpoint does not take: never silently ignored. `minorversion` goes everywhere. */
function checkParams(q: URLSearchParams, allowed: string[]): SandboxResponse | undefined {
  for (const k of q.keys()) {
    if (k !== "minorversion" && !allowed.includes(k)) {
      return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `Unsupported query parameter ${k} (this endpoint takes ${["minorversion", ...allowed].join(", ")})` });
    }
  }
  const mv = q.get("minorversion");
  if (mv !== null && !/^\d+$/.test(mv)) return fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `minorversion must be a number, not "${mv}"` });
  return undefined;
}

function runQuery(company: QboCompany, text: string) {
  const q = parseQuery(text);
  // Rendered lazily: a paged pull of 100,000 invoices only renders what a where/orderby or the page needs.
  type Row = { r: QboRecord; j?: Record<string, unknown> };
  const view = (x: Row) => (x.j ??= company.render(x.r));
  let rows: Row[] = company.live(q.entity).map((r) => ({ r }));
  // Like QuickBooks, inactive name-list entities only come back when the query asks about Active.
  const asksActive = q.where.some((c) => c.field.toLowerCase() === "active");
  if (HAS_ACTIVE.includes(q.entity) && !asksActive) rows = rows.filter(({ r }) => r.data.Active !== false);
  if (q.where.length) rows = rows.filter((x) => q.where.every((c) => matches(view(x), c)));
  if (q.count) return { totalCount: rows.length };
  const ob = q.orderBy;
  rows.sort((a, b) => {
    if (!ob) return Number(a.r.id) - Number(b.r.id) || a.r.id.localeCompare(b.r.id);
    const x = fieldValue(view(a), ob.field), y = fieldValue(view(b), ob.field);
    const d = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""), undefined, { numeric: true });
    return ob.desc ? -d : d;
  });
  const page = rows.slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults);
  if (!page.length) return {};
  const project = (j: Record<string, unknown>) => {
    if (!q.fields) return j;
    // A field list answers sparse entities: the fields asked for, plus Id, SyncToken and MetaData.
    const out: Record<string, unknown> = { domain: "QBO", sparse: true, Id: j.Id, SyncToken: j.SyncToken };
    for (const f of q.fields) {
      const key = Object.keys(j).find((k) => k.toLowerCase() === f.toLowerCase());
      if (key && j[key] !== undefined) out[key] = j[key];
    }
    out.MetaData = j.MetaData;
    return out;
  };
  return { [q.entity]: page.map((x) => project(view(x))), startPosition: q.startPosition, maxResults: page.length };
}

type WriteResult = { record: QboRecord; operation: "Create" | "Update" | "Delete" } | { response: SandboxResponse };

/** Create, update (full or sparse, guarded by SyncToken) or delete, as QuickBooks does. */
function write(company: QboCompany, entity: QboEntity, body: Record<string, unknown>, operation: string | null, allowDuplicateDocNum = false): WriteResult {
  const input = Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k)));
  const id = typeof body.Id === "string" ? body.Id : typeof body.Id === "number" ? String(body.Id) : undefined;
  const existing = id ? company.records[entity].get(id) : undefined;
  if (id && (!existing || existing.deleted)) return { response: fault({ status: 400, code: "610", message: "Object Not Found", detail: `Object Not Found : ${entity} ${id}` }) };
  if (existing) {
    if (body.SyncToken === undefined) return { response: fault(missing("SyncToken")) };
    // Optimistic locking: only the current SyncToken may change the entity.
    if (String(body.SyncToken) !== String(existing.syncToken)) {
      return { response: fault({ status: 400, code: "5010", message: "Stale Object Error", detail: `Stale Object Error : You and ${"another user"} were working on the same thing. Refresh and try again. (SyncToken ${String(body.SyncToken)} is not ${existing.syncToken})` }) };
    }
  }
  if (operation === "delete") {
    if (!existing) return { response: fault(missing("Id")) };
    if (NAME_LISTS.includes(entity)) return { response: fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `${entity} cannot be deleted; make it inactive (Active=false).` }) };
    existing.deleted = true;
    existing.syncToken += 1;
    existing.updated = Date.now();
    // A deleted payment gives its invoices their balance back.
    if (entity === "Payment") relinkInvoices(company, linkedInvoiceIds(existing.data), existing.updated);
    return { record: existing, operation: "Delete" };
  }
  if (operation) return { response: fault({ status: 400, code: "2010", message: "Request has invalid or unsupported property", detail: `Unsupported operation ${operation}` }) };
  // Duplicate invoice numbers are refused (QuickBooks' default preference) unless include=allowduplicatedocnum.
  const docNumber = body.DocNumber;
  if (entity === "Invoice" && typeof docNumber === "string" && docNumber && !allowDuplicateDocNum) {
    const holder = company.live("Invoice").find((r) => r.id !== existing?.id && r.data.DocNumber === docNumber);
    if (holder) return { response: fault({ status: 400, code: "6140", message: "Duplicate Document Number Error", detail: `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice with TxnId=${holder.id}` }) };
  }
  // A sparse update changes only the fields sent; a full update replaces the entity.
  const merged = existing && body.sparse === true ? { ...existing.data, ...input } : input;
  const built = buildEntity(company, entity, merged, existing?.id);
  if ("error" in built) return { response: fault(built.error) };
  if (!existing) {
    const record = company.insert(entity, built.data);
    if (entity === "Payment") relinkInvoices(company, linkedInvoiceIds(record.data), record.updated);
    return { record, operation: "Create" };
  }
  const before = existing.data;
  existing.data = built.data;
  existing.syncToken += 1;
  existing.updated = Date.now();
  if (entity === "Payment") relinkInvoices(company, [...linkedInvoiceIds(before), ...linkedInvoiceIds(existing.data)], existing.updated);
  return { record: existing, operation: "Update" };
}
