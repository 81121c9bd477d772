import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../../core/context";
import { json, parseBody, type SandboxResponse } from "../../core/http";
import { sandboxPaths } from "../../config";
import { allocateCredit } from "./credit-notes";
import { guard, problem, type XeroCall } from "./guard";
import { envelope, list, withUnitdp, writeParams } from "./list";
import { XERO_ENTITIES, type XeroBooks, type XeroEntity, type XeroRecord, type XeroStore } from "./store";
import { WhereError } from "./where";

/** A change an API write made, for the webhook the emulator sends after it. */
export type XeroWrite = { entity: XeroEntity; record: XeroRecord; created: boolean };
export type XeroWriteListener = (books: XeroBooks, writes: XeroWrite[]) => void;

/** Xero matches collection names case-insensitively (`/invoices` works like `/Invoices`). */
const entityOf = (s: string): XeroEntity | undefined => (Object.keys(XERO_ENTITIES) as XeroEntity[]).find((e) => e.toLowerCase() === s.toLowerCase());

/** Xero's 400 for a query it cannot run (bad `where`, `order`, or parameter). */
const queryError = (message: string): SandboxResponse => json(400, { ErrorNumber: 16, Type: "QueryParseException", Message: message });
/** Xero's 400 ValidationException; `elements` carry each refused element's ValidationErrors. */
const validationException = (elements: Record<string, unknown>[], message = "A validation exception occurred"): SandboxResponse =>
  json(400, { ErrorNumber: 10, Type: "ValidationException", Message: message, Elements: elements });

const notFound = (): SandboxResponse => ({ status: 404, headers: { "content-type": "text/plain" }, body: "The resource you're looking for cannot be found" });

/** Mounts the accounting API (`/api.xro/2.0/…`) for Organisation and every collection in XERO_ENTITIES. */
export function mountXeroApi(ctx: SandboxContext, store: XeroStore, onWrite: XeroWriteListener = () => {}) {
  const base = sandboxPaths.xero.apiBaseUrl;
  const g = (h: (c: XeroCall & { books: XeroBooks }) => SandboxResponse | Promise<SandboxResponse>) =>
    guard(ctx, store, { tenant: true }, (c) => h(c as XeroCall & { books: XeroBooks }));

  ctx.router.get(`${base}/:entity`, g(({ req, books, grant }) => {
    if (req.params.entity.toLowerCase() === "organisation") return json(200, envelope({ Organisations: [books.organisation()] }));
    const entity = entityOf(req.params.entity);
    if (!entity) return notFound();
    try {
      return list(books, entity, req.query, req.headers["if-modified-since"], grant.clientId);
    } catch (err) {
      if (err instanceof WhereError) return queryError(err.message);
      throw err;
    }
  }));

  ctx.router.get(`${base}/:entity/:id`, g(({ req, books }) => {
    const entity = entityOf(req.params.entity);
    const r = entity && books.records[entity].get(req.params.id);
    if (!entity || !r) return notFound();
    try {
      const { unitdp } = writeParams(req.query, ["unitdp"]);
      return json(200, envelope({ [entity]: [withUnitdp(books.render(entity, r), unitdp)] }));
    } catch (err) {
      if (err instanceof WhereError) return queryError(err.message);
      throw err;
    }
  }));

  const write = () => g(({ req, books, grant }) => withIdempotency(books, req.headers["idempotency-key"], () => {
    const entity = entityOf(req.params.entity);
    if (!entity) return notFound();
    let params: ReturnType<typeof writeParams>;
    try {
      params = writeParams(req.query, ["summarizeErrors", "unitdp", "allowBackorders"]);
    } catch (err) {
      if (err instanceof WhereError) return queryError(err.message);
      throw err;
    }
    const out = save(books, entity, elements(parseBody(req), entity), { pathId: req.params.id, summarizeErrors: params.summarizeErrors, clientId: grant.clientId });
    if (out.writes.length) onWrite(books, out.writes);
    return out.response;
  }));
  // PUT creates and POST creates or updates; both take an id in the body to update, as Xero does.
  ctx.router.put(`${base}/:entity`, write());
  ctx.router.post(`${base}/:entity`, write());
  ctx.router.post(`${base}/:entity/:id`, write());

  // PUT /CreditNotes/{id}/Allocations — applies credit to invoices (all allocations or none).
  ctx.router.put(`${base}/:entity/:id/Allocations`, g(({ req, books }) => withIdempotency(books, req.headers["idempotency-key"], () => {
    if (entityOf(req.params.entity) !== "CreditNotes") return notFound();
    if (!books.records.CreditNotes.get(req.params.id)) return notFound();
    const body = parseBody(req);
    const items = Array.isArray(body.Allocations) ? (body.Allocations as Record<string, unknown>[]) : Object.keys(body).length ? [body] : [];
    if (!items.length) return problem(400, "Bad Request", "The request body has no Allocations.");
    let summarize: boolean;
    try {
      summarize = writeParams(req.query, ["summarizeErrors"]).summarizeErrors;
    } catch (err) {
      if (err instanceof WhereError) return queryError(err.message);
      throw err;
    }
    const failed: Record<string, unknown>[] = [];
    const results: Record<string, unknown>[] = [];
    const done = books.atomic(() => {
      const made: Record<string, unknown>[] = [];
      for (const raw of items) {
        // With summarizeErrors=false each allocation stands alone; by default they are all-or-nothing.
        const r = summarize ? allocateCredit(books, req.params.id, raw) : books.atomic(() => { const x = allocateCredit(books, req.params.id, raw); return { ok: !!x.allocation, value: x }; });
        if (r.allocation) {
          made.push(r.allocation);
          results.push({ ...r.allocation, StatusAttributeString: "OK" });
        } else {
          const bad = { ...raw, ValidationErrors: r.errors.map((Message) => ({ Message })) };
          failed.push(bad);
          results.push({ ...bad, StatusAttributeString: "ERROR" });
        }
      }
      return { ok: !summarize || !failed.length, value: made };
    });
    if (summarize && failed.length) return validationException(failed);
    if (!done.length) return json(200, envelope({ Allocations: results }));
    const note = books.records.CreditNotes.get(req.params.id)!;
    const invoices = done.map((a) => books.records.Invoices.get(String((a.Invoice as { InvoiceID: string }).InvoiceID))!);
    onWrite(books, [{ entity: "CreditNotes", record: note, created: false }, ...invoices.map((record) => ({ entity: "Invoices" as const, record, created: false }))]);
    return json(200, envelope({ Allocations: summarize ? done : results }));
  })));
}

/** The elements of a write body: `{Invoices:[…]}` or a single object. */
function elements(body: Record<string, unknown>, entity: XeroEntity): Record<string, unknown>[] {
  const list = body[entity];
  if (Array.isArray(list)) return list.filter((x): x is Record<string, unknown> => !!x && typeof x === "object");
  return Object.keys(body).length ? [body] : [];
}

/** Fields Xero computes; what a client sends for them is not taken. */
const COMPUTED = ["UpdatedDateUTC", "AmountPaid", "AmountDue", "AmountCredited", "Payments", "CreditNotes", "Prepayments", "Overpayments", "FullyPaidOnDate", "RemainingCredit", "Allocations", "SubTotal", "TotalTax", "Total", "StatusAttributeString", "ValidationErrors"];

type SaveOptions = { pathId?: string; summarizeErrors: boolean; clientId: string };

/**
 * Saves a batch as Xero does. By default it is all-or-nothing: one refused element → 400
 * ValidationException listing every element (with its ValidationErrors) and nothing saved.
 * With summarizeErrors=false each element stands alone: valid ones are saved, every element comes
 * back with StatusAttributeString OK or ERROR (and its ValidationErrors), answered 200.
 */
function save(books: XeroBooks, entity: XeroEntity, items: Record<string, unknown>[], opts: SaveOptions): { response: SandboxResponse; writes: XeroWrite[] } {
  if (!items.length) return { response: problem(400, "Bad Request", `The request body has no ${entity}.`), writes: [] };
  const idField = XERO_ENTITIES[entity].idField;
  const one = (raw: Record<string, unknown>): { write?: XeroWrite; errors: string[]; notFound?: boolean } => {
    const fields = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== idField && !COMPUTED.includes(k)));
    const bodyId = raw[idField];
    const id = opts.pathId ?? (typeof bodyId === "string" && bodyId ? bodyId : undefined);
    const existing = id ? books.records[entity].get(id) : undefined;
    if (id && !existing) return { errors: [`${entity.replace(/s$/, "")} ${id} could not be found`], notFound: true };
    const newId = existing?.id ?? (entity === "TaxRates" ? `TAX${String(books.records.TaxRates.size + 1).padStart(3, "0")}` : randomUUID());
    const res = books.put(entity, newId, existing ? { ...existing.data, ...fields } : fields, Date.now(), opts.clientId);
    return res.record ? { write: { entity, record: res.record, created: !existing }, errors: [] } : { errors: res.errors };
  };

  if (!opts.summarizeErrors) {
    const writes: XeroWrite[] = [];
    const out = items.map((raw) => {
      const r = books.atomic(() => { const x = one(raw); return { ok: !!x.write, value: x }; });
      if (r.write) {
        writes.push(r.write);
        return { ...books.render(entity, r.write.record), StatusAttributeString: "OK" };
      }
      return { ...raw, StatusAttributeString: "ERROR", ValidationErrors: r.errors.map((Message) => ({ Message })) };
    });
    return { response: json(200, envelope({ [entity]: out })), writes };
  }

  let missing = false;
  const results = books.atomic(() => {
    const rs = items.map(one);
    missing = rs.some((r) => r.notFound);
    return { ok: rs.every((r) => r.write), value: rs };
  });
  if (missing && items.length === 1) return { response: notFound(), writes: [] };
  if (results.every((r) => r.write)) {
    const writes = results.map((r) => r.write!);
    // A payment changes its invoice: render the payment after every write of the batch.
    return { response: json(200, envelope({ [entity]: writes.map((w) => books.render(entity, books.records[entity].get(w.record.id)!)) })), writes };
  }
  return {
    response: validationException(results.map((r, i) => (r.write ? { ...items[i], ValidationErrors: [] } : { ...items[i], ValidationErrors: r.errors.map((Message) => ({ Message })) }))),
    writes: [],
  };
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
