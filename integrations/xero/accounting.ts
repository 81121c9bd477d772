import type { PullPage, PullRequest, PushRequest, PushResult, RemoteRecord, SyncApi } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { providerFetch } from "@/lib/connections/http";

/** Xero's default page size for paged collections (Contacts, Payments, …). */
export const XERO_PAGE_SIZE = 100;
/**
 * Invoices are read 1,000 a page: GET Invoices takes `pageSize` (xero_accounting.yaml; Xero allows
 * up to 1,000), so a large pull costs a tenth of the calls against the 60-a-minute budget and
 * writes ten times as many records per transaction.
 */
export const XERO_INVOICE_PAGE_SIZE = 1000;

type Collection = {
  name: "Contacts" | "Invoices" | "Items" | "Payments" | "BankTransactions";
  idField: "ContactID" | "InvoiceID" | "ItemID" | "PaymentID" | "BankTransactionID";
  isDeleted(raw: Record<string, unknown>): boolean;
  /** false for a collection Xero does not page (it refuses `page`). */
  paged?: false;
  /** Records a page (`pageSize`), XERO_PAGE_SIZE unless said. */
  pageSize?: number;
};

/** `/Date(1574275974000+0000)/` (or ISO) → epoch ms; NaN when unreadable. */
export function xeroMs(v: unknown): number {
  if (typeof v !== "string") return NaN;
  const m = /^\/Date\((-?\d+)/.exec(v);
  return m ? Number(m[1]) : Date.parse(v);
}

function toRemote(c: Collection, raw: Record<string, unknown>): RemoteRecord {
  const updatedAt = xeroMs(raw.UpdatedDateUTC);
  return { externalId: String(raw[c.idField]), version: String(updatedAt), updatedAt, deleted: c.isDeleted(raw), raw };
}

export async function call(api: SyncApi, path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Record<string, unknown>> {
  const base = (api.endpoints.apiBaseUrl ?? "").replace(/\/$/, "");
  const res = await providerFetch(`${base}/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await api.accessToken()}`, "xero-tenant-id": api.account, accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
    pace: { endpoints: api.endpoints, account: api.account, pacer: api.pacer },
    timeoutMs: 30_000,
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text.slice(0, 300);
  }
  if (res.ok && body && typeof body === "object") return body as Record<string, unknown>;
  if (res.status === 401) throw new IntegrationError("AUTH_EXPIRED");
  if (res.status >= 500) throw new IntegrationError("PROVIDER_ERROR", { providerCode: String(res.status) });
  throw new IntegrationError("PROVIDER_ERROR", { providerCode: String(res.status), providerMessage: validationMessage(body), retryable: false });
}

/** Xero's ValidationException names each element's problems; the first ones are the useful message. */
function validationMessage(body: unknown): string {
  if (!body || typeof body !== "object") return String(body ?? "").slice(0, 300);
  const b = body as { Message?: unknown; Detail?: unknown; Elements?: { ValidationErrors?: { Message?: unknown }[] }[] };
  const details = (b.Elements ?? []).flatMap((e) => (e.ValidationErrors ?? []).map((v) => String(v.Message)));
  return (details.length ? details.join("; ") : String(b.Detail ?? b.Message ?? "")).slice(0, 500);
}

/**
 * One page of a pull, oldest change first (`order=UpdatedDateUTC ASC`), 100 a page (invoices
 * 1,000). The cursor
 * is a keyset: the last page's highest UpdatedDateUTC (sent as If-Modified-Since, inclusive by a
 * millisecond) and the ids already seen at exactly that time, so records that change while the
 * run walks cannot shift a page under it and none is skipped or counted twice.
 */
export async function pullCollection(api: SyncApi, c: Collection, req: PullRequest, extra: Record<string, string> = {}): Promise<PullPage> {
  const cur = (req.cursor ?? { since: req.since, inclusive: false, skip: [], page: 1 }) as { since: number | null; inclusive: boolean; skip: string[]; page: number };
  const size = c.pageSize ?? XERO_PAGE_SIZE;
  const q = new URLSearchParams({ page: String(cur.page), pageSize: String(size), order: "UpdatedDateUTC ASC", ...extra });
  const headers: Record<string, string> = {};
  if (cur.since !== null) headers["if-modified-since"] = new Date(cur.since - (cur.inclusive ? 1 : 0)).toISOString();
  const body = await call(api, `${c.name}?${q}`, { headers });
  const list = (Array.isArray(body[c.name]) ? body[c.name] : []) as Record<string, unknown>[];
  const pagination = body.pagination as { itemCount?: number } | undefined;
  const all = list.map((r) => toRemote(c, r));
  const records = all.filter((r) => !cur.skip.includes(r.externalId));
  if (all.length < size) return { records, next: null, total: pagination?.itemCount };
  const max = Math.max(...all.map((r) => r.updatedAt));
  const next = cur.since !== null && max <= cur.since
    // The whole page shares one timestamp: step to the next page of it.
    ? { since: cur.since, inclusive: true, skip: [...cur.skip, ...all.map((r) => r.externalId)], page: cur.page + 1 }
    : { since: max, inclusive: true, skip: all.filter((r) => r.updatedAt === max).map((r) => r.externalId), page: 1 };
  return { records, next, total: pagination?.itemCount };
}

/**
 * A collection Xero does not page (Items): everything changed since the checkpoint in one answer,
 * oldest change first.
 */
export async function pullUnpaged(api: SyncApi, c: Collection, req: PullRequest): Promise<PullPage> {
  const headers: Record<string, string> = {};
  if (req.since !== null) headers["if-modified-since"] = new Date(req.since).toISOString();
  const body = await call(api, `${c.name}?${new URLSearchParams({ order: "UpdatedDateUTC ASC" })}`, { headers });
  const records = ((Array.isArray(body[c.name]) ? body[c.name] : []) as Record<string, unknown>[]).map((r) => toRemote(c, r));
  return { records, next: null, total: records.length };
}

/** Records by id (`IDs=`), 50 at a time. */
export async function fetchCollectionByIds(api: SyncApi, c: Collection, ids: string[]): Promise<RemoteRecord[]> {
  const out: RemoteRecord[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    const q = new URLSearchParams({ IDs: ids.slice(i, i + 50).join(","), ...(c.paged === false ? {} : { page: "1", pageSize: "100" }) });
    const body = await call(api, `${c.name}?${q}`);
    out.push(...((Array.isArray(body[c.name]) ? body[c.name] : []) as Record<string, unknown>[]).map((r) => toRemote(c, r)));
  }
  return out;
}

/**
 * Creates (PUT) or updates (POST /{id}) one record. The Idempotency-Key is derived from the change
 * by the engine, so a retried push is answered with the first result and creates nothing twice.
 * Xero has no optimistic lock: an update is never stale.
 */
export async function pushRecord(api: SyncApi, c: Collection, req: PushRequest): Promise<PushResult> {
  const path = req.existing ? `${c.name}/${encodeURIComponent(req.existing.externalId)}` : c.name;
  const body = await call(api, path, {
    method: req.existing ? "POST" : "PUT",
    headers: { "idempotency-key": req.idempotencyKey },
    body: JSON.stringify({ [c.name]: [req.body] }),
  });
  const saved = (Array.isArray(body[c.name]) ? (body[c.name] as Record<string, unknown>[]) : [])[0];
  if (!saved) throw new IntegrationError("PROVIDER_ERROR", { providerMessage: `Xero answered without the saved ${c.name}.`, retryable: false });
  return { record: toRemote(c, saved) };
}

export const contacts: Collection = { name: "Contacts", idField: "ContactID", isDeleted: (r) => r.ContactStatus === "ARCHIVED" || r.ContactStatus === "GDPRREQUEST" };
/** Xero deletes items outright (no status); a deleted one is simply no longer listed. */
export const items: Collection = { name: "Items", idField: "ItemID", isDeleted: () => false, paged: false };
export const payments: Collection = { name: "Payments", idField: "PaymentID", isDeleted: (r) => r.Status === "DELETED" };
export const bankTransactions: Collection = { name: "BankTransactions", idField: "BankTransactionID", isDeleted: (r) => r.Status === "DELETED" };
export const invoices: Collection = { name: "Invoices", idField: "InvoiceID", isDeleted: (r) => r.Status === "DELETED", pageSize: XERO_INVOICE_PAGE_SIZE };
