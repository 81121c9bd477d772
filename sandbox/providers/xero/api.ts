import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { json, parseBody, type SandboxResponse } from "../../core/http";
import { sandboxPaths } from "../../config";
import { msDate, parseXeroDate } from "./dates";
import { guard, problem, type XeroCall } from "./guard";
import { XERO_ENTITIES, type XeroBooks, type XeroEntity, type XeroRecord, type XeroStore } from "./store";

const PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** The envelope every Xero accounting answer has. */
const envelope = (body: Record<string, unknown>) => ({ Id: randomUUID(), Status: "OK", ProviderName: "Integration Hub sandbox", DateTimeUTC: msDate(Date.now()), ...body });

/** Xero matches collection names case-insensitively (`/invoices` works like `/Invoices`). */
const entityOf = (s: string): XeroEntity | undefined => (Object.keys(XERO_ENTITIES) as XeroEntity[]).find((e) => e.toLowerCase() === s.toLowerCase());

function validationError(entity: XeroEntity, element: Record<string, unknown>, errors: string[]): SandboxResponse {
  return json(400, {
    ErrorNumber: 10, Type: "ValidationException", Message: "A validation exception occurred",
    Elements: [{ ...element, ValidationErrors: errors.map((Message) => ({ Message })) }],
  });
}

const notFound = (): SandboxResponse => ({ status: 404, headers: { "content-type": "text/plain" }, body: "The resource you're looking for cannot be found" });

/** Mounts the accounting API (`/api.xro/2.0/…`) for Organisation, Contacts, Invoices, Payments, Items, TaxRates, Accounts. */
export function mountXeroApi(ctx: SandboxContext, store: XeroStore) {
  const base = sandboxPaths.xero.apiBaseUrl;
  const g = (h: (c: XeroCall & { books: XeroBooks }) => SandboxResponse | Promise<SandboxResponse>) =>
    guard(ctx, store, { tenant: true }, (c) => h(c as XeroCall & { books: XeroBooks }));

  ctx.router.get(`${base}/:entity`, g(({ req, books }) => {
    if (req.params.entity.toLowerCase() === "organisation") return json(200, envelope({ Organisations: [books.organisation()] }));
    const entity = entityOf(req.params.entity);
    if (!entity) return notFound();
    return list(books, entity, req.query, req.headers["if-modified-since"]);
  }));

  ctx.router.get(`${base}/:entity/:id`, g(({ req, books }) => {
    const entity = entityOf(req.params.entity);
    const r = entity && books.records[entity].get(req.params.id);
    if (!entity || !r) return notFound();
    return json(200, envelope({ [entity]: [books.render(entity, r)] }));
  }));

  const write = (mode: "create" | "upsert") => g(({ req, books }) => withIdempotency(books, req.headers["idempotency-key"], () => {
    const entity = entityOf(req.params.entity);
    if (!entity) return notFound();
    return save(books, entity, elements(parseBody(req), entity), mode, req.params.id);
  }));
  ctx.router.put(`${base}/:entity`, write("create"));
  ctx.router.post(`${base}/:entity`, write("upsert"));
  ctx.router.post(`${base}/:entity/:id`, write("upsert"));
}

function list(books: XeroBooks, entity: XeroEntity, q: URLSearchParams, ims: string | string[] | undefined): SandboxResponse {
  let rows = books.list(entity);
  const since = parseXeroDate(Array.isArray(ims) ? ims[0] : ims);
  // If-Modified-Since: only records updated after the given time (Xero compares UpdatedDateUTC).
  if (!Number.isNaN(since)) rows = rows.filter((r) => r.updatedAt > since);
  const ids = q.get("IDs")?.split(",").map((s) => s.trim().replace(/^"|"$/g, ""));
  if (ids?.length) rows = rows.filter((r) => ids.includes(r.id));
  const statuses = q.get("Statuses")?.split(",").map((s) => s.trim());
  if (statuses?.length) rows = rows.filter((r) => statuses.includes(String(r.data.Status)));
  const where = q.get("where");
  if (where) rows = rows.filter(whereFilter(where, entity));
  // Oldest change first, a stable order that paging and incremental syncs can rely on.
  rows.sort((a, b) => a.updatedAt - b.updatedAt || a.id.localeCompare(b.id));
  const page = q.get("page");
  const paged = XERO_ENTITIES[entity].paged && page !== null;
  if (!paged) {
    // Without `page`, Xero returns everything but leaves invoice line items out.
    return json(200, envelope({ [entity]: rows.map((r) => books.render(entity, r, { lineItems: entity !== "Invoices" })) }));
  }
  const pageNo = Math.max(1, Number.parseInt(page, 10) || 1);
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(q.get("pageSize") ?? "", 10) || PAGE_SIZE));
  const slice = rows.slice((pageNo - 1) * size, pageNo * size);
  return json(200, envelope({
    pagination: { page: pageNo, pageSize: size, pageCount: Math.ceil(rows.length / size), itemCount: rows.length },
    [entity]: slice.map((r) => books.render(entity, r)),
  }));
}

/** The part of Xero's `where` language the hub uses: `Field=="value"` joined by AND. */
function whereFilter(where: string, entity: XeroEntity) {
  const clauses = where.split(/\s+AND\s+/i).map((c) => /^\s*([\w.]+)\s*==\s*"?([^"]*)"?\s*$/.exec(c)).filter((m): m is RegExpExecArray => !!m);
  return (r: XeroRecord) => clauses.every(([, field, value]) => {
    const v = field === XERO_ENTITIES[entity].idField ? r.id : field.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), r.data);
    return String(v) === value;
  });
}

/** The elements of a write body: `{Invoices:[…]}` or a single object. */
function elements(body: Record<string, unknown>, entity: XeroEntity): Record<string, unknown>[] {
  const list = body[entity];
  if (Array.isArray(list)) return list.filter((x): x is Record<string, unknown> => !!x && typeof x === "object");
  return Object.keys(body).length ? [body] : [];
}

function save(books: XeroBooks, entity: XeroEntity, items: Record<string, unknown>[], mode: "create" | "upsert", pathId?: string): SandboxResponse {
  if (!items.length) return problem(400, "Bad Request", `The request body has no ${entity}.`);
  const idField = XERO_ENTITIES[entity].idField;
  const saved: XeroRecord[] = [];
  for (const raw of items) {
    const { [idField]: bodyId, UpdatedDateUTC: _ignored, ...fields } = raw;
    void _ignored;
    const id = pathId ?? (typeof bodyId === "string" ? bodyId : undefined);
    const existing = id ? books.records[entity].get(id) : undefined;
    if (id && !existing) return notFound();
    if (entity === "Payments" && existing) {
      // Xero only lets a payment be deleted, never edited.
      if (fields.Status !== "DELETED") return validationError(entity, raw, ["Payments can only be deleted, not updated."]);
      existing.data = { ...existing.data, Status: "DELETED" };
      existing.updatedAt = Date.now();
      saved.push(existing);
      continue;
    }
    const newId = existing?.id ?? (entity === "TaxRates" ? `TAX${String(books.records.TaxRates.size + 1).padStart(3, "0")}` : randomUUID());
    const res = books.put(entity, newId, existing ? { ...existing.data, ...fields } : fields);
    if (!res.record) return validationError(entity, raw, res.errors);
    saved.push(res.record);
  }
  return json(200, envelope({ [entity]: saved.map((r) => books.render(entity, r)) }));
}

/** Same Idempotency-Key → the first answer again, and the write is not applied twice. */
async function withIdempotency(books: XeroBooks, key: string | string[] | undefined, run: () => SandboxResponse | Promise<SandboxResponse>) {
  const k = Array.isArray(key) ? key[0] : key;
  if (!k) return run();
  const prior = books.idempotency.get(k);
  if (prior) return prior;
  const res = await run();
  if (res.status < 500) books.idempotency.set(k, res);
  return res;
}

