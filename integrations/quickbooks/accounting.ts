import type { PullPage, PullRequest, PushRequest, PushResult, RemoteRecord, SyncApi } from "../hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import { providerFetch } from "@/lib/connections/http";

/** QuickBooks' largest query page. */
export const QBO_PAGE_SIZE = 1000;
/** CDC looks back at most 30 days; an older checkpoint pulls by paged query instead. */
export const CDC_WINDOW_MS = 30 * 86_400_000;
const MINOR_VERSION = "75";

type Entity = "Customer" | "Invoice" | "Item" | "Payment" | "Purchase";

function toRemote(raw: Record<string, unknown>): RemoteRecord {
  const meta = (raw.MetaData ?? {}) as { LastUpdatedTime?: string };
  const deleted = raw.status === "Deleted" || raw.Active === false;
  return { externalId: String(raw.Id), version: String(raw.SyncToken ?? "deleted"), updatedAt: Date.parse(meta.LastUpdatedTime ?? ""), deleted, raw };
}

type Fault = { Fault?: { Error?: { Message?: string; Detail?: string; code?: string }[] } };

export async function call(api: SyncApi, path: string, params: Record<string, string>, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const base = (api.endpoints.apiBaseUrl ?? "").replace(/\/$/, "");
  const q = new URLSearchParams({ ...params, minorversion: MINOR_VERSION });
  const res = await providerFetch(`${base}/v3/company/${encodeURIComponent(api.account)}/${path}?${q}`, {
    ...init,
    headers: { authorization: `Bearer ${await api.accessToken()}`, accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}) },
    pace: { endpoints: api.endpoints, account: api.account, pacer: api.pacer },
    timeoutMs: 30_000,
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown> & Fault;
  if (res.ok) return body;
  const err = body.Fault?.Error?.[0];
  if (res.status === 401) throw new IntegrationError("AUTH_EXPIRED");
  if (res.status >= 500) throw new IntegrationError("PROVIDER_ERROR", { providerCode: String(res.status) });
  throw new IntegrationError("PROVIDER_ERROR", { providerCode: err?.code ?? String(res.status), providerMessage: (err?.Detail ?? err?.Message ?? "").slice(0, 500), retryable: false });
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One page of a pull. With a checkpoint younger than 30 days: change data capture (`cdc`, every
 * change since, deletions as `status: "Deleted"`), continued from the newest change seen if
 * QuickBooks capped the answer. Otherwise a paged query (`STARTPOSITION`, `MAXRESULTS 1000`),
 * filtered by LastUpdatedTime when there is a checkpoint; the first page also counts the total.
 */
export async function pullEntity(api: SyncApi, entity: Entity, req: PullRequest): Promise<PullPage> {
  type Cur = { kind: "cdc"; since: number } | { kind: "query"; since: number | null; start: number };
  const cur: Cur = (req.cursor as Cur | null) ?? (req.since !== null && req.since > Date.now() - CDC_WINDOW_MS
    ? { kind: "cdc", since: req.since }
    : { kind: "query", since: req.since, start: 1 });
  if (cur.kind === "cdc") {
    const body = await call(api, "cdc", { entities: entity, changedSince: iso(cur.since) });
    const responses = ((body.CDCResponse as { QueryResponse?: Record<string, unknown>[] }[] | undefined)?.[0]?.QueryResponse ?? []);
    const raws = responses.flatMap((r) => (Array.isArray(r[entity]) ? (r[entity] as Record<string, unknown>[]) : []));
    // LastUpdatedTime has whole seconds: records of the checkpoint's second come again and are
    // skipped as unchanged (same SyncToken) rather than filtered here, where a later change in
    // that second would be lost.
    const records = raws.map(toRemote);
    const max = Math.max(cur.since, ...records.map((r) => r.updatedAt));
    return { records, next: raws.length >= QBO_PAGE_SIZE && max > cur.since ? { kind: "cdc", since: max } : null, total: records.length, watermark: Date.parse(String(body.time)) };
  }
  const where = cur.since !== null ? ` where Metadata.LastUpdatedTime > '${iso(cur.since)}'` : "";
  const body = await call(api, "query", { query: `select * from ${entity}${where} orderby Id startposition ${cur.start} maxresults ${QBO_PAGE_SIZE}` });
  const raws = (((body.QueryResponse ?? {}) as Record<string, unknown>)[entity] ?? []) as Record<string, unknown>[];
  let total: number | undefined;
  if (cur.start === 1) {
    const counted = await call(api, "query", { query: `select count(*) from ${entity}${where}` });
    total = ((counted.QueryResponse ?? {}) as { totalCount?: number }).totalCount;
  }
  return { records: raws.map(toRemote), next: raws.length >= QBO_PAGE_SIZE ? { kind: "query", since: cur.since, start: cur.start + raws.length } : null, total, watermark: Date.parse(String(body.time)) };
}

/** Records by id (`where Id in (…)`), 100 at a time. */
export async function fetchEntityByIds(api: SyncApi, entity: Entity, ids: string[]): Promise<RemoteRecord[]> {
  const out: RemoteRecord[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const list = ids.slice(i, i + 100).map((id) => `'${id.replace(/'/g, "")}'`).join(",");
    const body = await call(api, "query", { query: `select * from ${entity} where Id in (${list}) maxresults 1000` });
    out.push(...((((body.QueryResponse ?? {}) as Record<string, unknown>)[entity] ?? []) as Record<string, unknown>[]).map(toRemote));
  }
  return out;
}

/**
 * Creates or (sparse) updates one entity. `requestid` is derived from the change by the engine,
 * so a retried create is answered with the first result. An update carries the SyncToken the
 * hub last saw; "Stale Object Error" (5010) means it changed at QuickBooks since: `stale`.
 */
export async function pushEntity(api: SyncApi, entity: Entity, req: PushRequest): Promise<PushResult> {
  const payload = req.existing ? { ...req.body, Id: req.existing.externalId, SyncToken: req.existing.version ?? "0", sparse: true } : req.body;
  try {
    const body = await call(api, entity.toLowerCase(), { requestid: req.idempotencyKey.slice(0, 50) }, { method: "POST", body: JSON.stringify(payload) });
    return { record: toRemote(body[entity] as Record<string, unknown>) };
  } catch (err) {
    if (err instanceof IntegrationError && err.providerCode === "5010") return { stale: true };
    throw err;
  }
}
