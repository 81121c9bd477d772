import { and, eq, inArray, isNull } from "drizzle-orm";
import { syncConflicts } from "@/drizzle/schema";
import type { RemoteRecord, SyncApi, SyncEntityModule } from "@/integrations/hook-types";
import { IntegrationError } from "@/lib/connections/errors";
import type { Db } from "@/lib/db/client";
import { conflictRow, decideConflict, recordConflicts, type ConflictWrite } from "./conflicts";
import { contentHash, idempotencyKey } from "./hash";
import { linksByLocal, upsertLinks, type LinkRow, type LinkWrite } from "./links";
import { pendingLocal, type LocalRow } from "./local-records";
import { mapPull, mapPush, type RefEntity } from "./mapping";
import { applyPulled, normalise, zeroCounters, addCounters, type Counters, type EntityEnv, type RecordError } from "./pull";

/** How many local records one push batch handles between two commits. */
export const PUSH_BATCH = 50;

export type PushDeps = { api: SyncApi; module: SyncEntityModule; customers?: { env: EntityEnv; module: SyncEntityModule } };
export type PushBatchResult = { counters: Counters; errors: RecordError[]; last?: { updatedAt: Date; id: string }; count: number };

const messageOf = (err: unknown) =>
  err instanceof IntegrationError ? (err.providerMessage || err.message) : err instanceof Error ? err.message : String(err);

/**
 * Pushes one batch of pending local records (never linked, or changed since their last sync):
 * provider calls first, outside any transaction, then one short transaction with the links,
 * conflicts and (for "provider wins") the provider's version applied locally. A record whose
 * content equals what was last synced is not pushed (so a pulled record never goes back).
 * A retryable failure (rate limit, provider down) commits what was done and rethrows, so the
 * job retries; the same change then carries the same idempotency key.
 */
export async function pushBatch(db: Db, env: EntityEnv, deps: PushDeps, opts: { after?: { updatedAt: Date; id: string }; onlyIds?: string[] }): Promise<PushBatchResult> {
  const org = env.ctx.organisationId;
  const rows = await pendingLocal(db, org, env.connectionId, env.entity, { after: opts.after, limit: PUSH_BATCH, onlyIds: opts.onlyIds });
  const result: PushBatchResult = { counters: zeroCounters(), errors: [], count: rows.length, last: rows.at(-1) && { updatedAt: rows.at(-1)!.updatedAt, id: rows.at(-1)!.id } };
  if (!rows.length) return result;
  const links = await linksByLocal(db, env.connectionId, env.entity, rows.map((r) => r.id));
  const open = new Set((await db.select({ id: syncConflicts.localId }).from(syncConflicts).where(and(
    eq(syncConflicts.connectionId, env.connectionId), eq(syncConflicts.entity, env.entity), isNull(syncConflicts.resolvedAt), inArray(syncConflicts.localId, rows.map((r) => r.id)),
  ))).map((r) => r.id));
  const refs = await refsOf(db, env, deps, rows, result);

  const linkWrites: LinkWrite[] = [];
  const conflicts: ConflictWrite[] = [];
  const applyRemote: RemoteRecord[] = [];
  let failure: unknown;
  for (const local of rows) {
    if (open.has(local.id)) {
      result.counters.unchanged++;
      continue;
    }
    const link = links.get(local.id);
    try {
      const out = await pushOne(env, deps, local, link, refs);
      if (out.kind === "unchanged") result.counters.unchanged++;
      if (out.kind === "pushed") result.counters[link ? "updated" : "created"]++;
      if (out.link) linkWrites.push(out.link);
      if (out.conflict) conflicts.push(out.conflict);
      if (out.kind === "provider") applyRemote.push(out.remote);
    } catch (err) {
      if (err instanceof IntegrationError && err.retryable) {
        failure = err;
        break;
      }
      result.errors.push({ entity: env.entity, localId: local.id, externalId: link?.externalId, message: messageOf(err) });
    }
  }
  result.counters.failed += result.errors.length;
  await db.transaction(async (tx) => {
    await upsertLinks(tx, linkWrites);
    await recordConflicts(tx, conflicts);
    if (applyRemote.length) {
      const applied = await applyPulled(tx, env, applyRemote, { force: true });
      result.counters = addCounters(result.counters, { ...applied.counters, created: 0 });
      result.errors.push(...applied.errors);
    }
  });
  if (failure) throw failure;
  return result;
}

type PushOutcome =
  | { kind: "unchanged" | "pushed" | "skipped"; link?: LinkWrite; conflict?: ConflictWrite }
  | { kind: "provider"; remote: RemoteRecord; conflict: ConflictWrite; link?: undefined };

async function pushOne(env: EntityEnv, deps: PushDeps, local: LocalRow, link: LinkRow | undefined, refs: Map<string, string>): Promise<PushOutcome> {
  const value = normalise(env.entity, env.mapping, local.record).value;
  const hash = contentHash(value);
  const linkBase = (externalId: string): LinkWrite => ({
    organisationId: env.ctx.organisationId, connectionId: env.connectionId, entity: env.entity, localId: local.id, externalId,
    remoteVersion: link?.remoteVersion ?? null, contentHash: link?.contentHash ?? null, lastPushedHash: link?.lastPushedHash ?? null,
    externalUrl: link?.externalUrl ?? env.externalUrl?.(env.account, externalId) ?? null, remoteDeletedAt: null, syncedAt: local.updatedAt,
  });
  if (link && hash === link.contentHash) return { kind: "unchanged", link: linkBase(link.externalId) };
  const body = mapPush(env.mapping, local.record, (_e, id) => refs.get(id));
  const unlinked = env.mapping.fields.find((f) => f.transform.kind === "ref" && f.direction !== "pull" && typeof local.record[f.local] === "string" && !refs.has(String(local.record[f.local])));
  if (unlinked?.transform.kind === "ref") {
    throw new IntegrationError("PROVIDER_ERROR", { providerMessage: `Its ${unlinked.transform.entity === "customers" ? "customer" : "invoice"} is not at the provider (it could not be pushed first).`, retryable: false });
  }
  const send = async (version: string | null) => deps.module.push(deps.api, {
    body,
    existing: link ? { externalId: link.externalId, version } : undefined,
    idempotencyKey: idempotencyKey([env.connectionId, env.entity, local.id, hash, version]),
  });
  const pushed = (rec: RemoteRecord): PushOutcome => ({
    kind: "pushed", link: { ...linkBase(rec.externalId), remoteVersion: rec.version, contentHash: hash, lastPushedHash: hash, externalUrl: env.externalUrl?.(env.account, rec.externalId) ?? null },
  });
  const first = await send(link?.remoteVersion ?? null);
  if ("record" in first) return pushed(first.record);
  // Stale (QuickBooks SyncToken): re-read; if only the version moved, push over it, else the policy decides.
  const [remote] = await deps.module.fetchByIds(deps.api, [link!.externalId]);
  if (!remote) throw new IntegrationError("PROVIDER_ERROR", { providerMessage: "The record is gone at the provider.", retryable: false });
  const remoteValue = normalise(env.entity, env.mapping, mapPull(env.mapping, remote.raw, (_e, id) => [...refs].find(([, ext]) => ext === id)?.[0])).value;
  if (contentHash(remoteValue) === link!.contentHash) {
    const again = await send(remote.version);
    if ("record" in again) return pushed(again.record);
    throw new IntegrationError("PROVIDER_ERROR", { providerMessage: "The record keeps changing at the provider.", retryable: true });
  }
  const winner = decideConflict(env.settings.conflictPolicy, local.updatedAt.getTime(), remote.updatedAt);
  const conflict = conflictRow({
    organisationId: env.ctx.organisationId, connectionId: env.connectionId, entity: env.entity, localId: local.id, externalId: link!.externalId,
    localVersion: value, remoteVersion: remoteValue, policy: env.settings.conflictPolicy, runId: env.runId,
  }, winner);
  if (winner === "provider") return { kind: "provider", remote, conflict };
  if (winner === null) return { kind: "skipped", conflict };
  const again = await send(remote.version);
  if ("record" in again) return { ...pushed(again.record), conflict };
  throw new IntegrationError("PROVIDER_ERROR", { providerMessage: "The record keeps changing at the provider.", retryable: true });
}

/**
 * The provider ids of the records the batch refers to (local id → provider id): an invoice's
 * customer, a payment's invoice and customer. A customer that is not linked yet is pushed first
 * (`deps.customers`, for invoices), so an invoice never reaches the provider without its customer.
 */
async function refsOf(db: Db, env: EntityEnv, deps: PushDeps, rows: LocalRow[], result: PushBatchResult): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byEntity = new Map<RefEntity, string[]>();
  for (const f of env.mapping.fields) {
    if (f.transform.kind !== "ref" || f.direction === "pull") continue;
    const ids = rows.map((r) => r.record[f.local]).filter((v): v is string => typeof v === "string");
    byEntity.set(f.transform.entity, [...(byEntity.get(f.transform.entity) ?? []), ...ids]);
  }
  for (const [entity, ids] of byEntity) {
    let links = await linksByLocal(db, env.connectionId, entity, ids);
    const missing = [...new Set(ids)].filter((id) => !links.has(id));
    if (entity === "customers" && missing.length && deps.customers) {
      const pushed = await pushBatch(db, deps.customers.env, { api: deps.api, module: deps.customers.module }, { onlyIds: missing });
      result.errors.push(...pushed.errors);
      links = await linksByLocal(db, env.connectionId, entity, ids);
    }
    for (const [localId, l] of links) out.set(localId, l.externalId);
  }
  return out;
}
