import { and, eq, isNull } from "drizzle-orm";
import { syncConflicts } from "@/drizzle/schema";
import type { RemoteRecord } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import type { DbOrTx } from "@/lib/db/client";
import { inList } from "@/lib/db/bulk";
import { conflictRow, decideConflict, recordConflicts, type ConflictWrite } from "./conflicts";
import { localRecordSchemas, type SyncEntity } from "./fields";
import { contentHash } from "./hash";
import { linksByExternal, upsertLinks, type LinkRow, type LinkWrite } from "./links";
import { loadLocal, takenNumbers, voidLocal, writeLocal, type LocalRecord, type LocalWrite } from "./local-records";
import { mapPull, pulledFields, type EntityMapping, type RefEntity, type RefResolver } from "./mapping";
import type { EntitySettings } from "./settings";

export type Counters = { created: number; updated: number; unchanged: number; deleted: number; failed: number };
export const zeroCounters = (): Counters => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 });
export const addCounters = (a: Counters, b: Counters): Counters => ({
  created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, deleted: a.deleted + b.deleted, failed: a.failed + b.failed,
});

/** A record a run could not sync, with the provider's or the mapping's message. */
export type RecordError = { entity: SyncEntity; externalId?: string; localId?: string; message: string };

/** What one entity of one run syncs with. */
export interface EntityEnv {
  ctx: AccessContext;
  runId: string | null;
  connectionId: string;
  account: string;
  entity: SyncEntity;
  mapping: EntityMapping;
  settings: EntitySettings;
  externalUrl?: (account: string, externalId: string) => string;
}

/** The mapping cut to its `ref` fields: what finding a page's references needs to evaluate. */
const refsOnly = (mapping: EntityMapping): EntityMapping => ({
  ...mapping,
  fields: mapping.fields.filter((f) => f.transform.kind === "ref"),
  lines: mapping.lines?.fields.some((f) => f.transform.kind === "ref")
    ? { ...mapping.lines, fields: mapping.lines.fields.filter((f) => f.transform.kind === "ref") } : undefined,
});

/** The provider ids of the customers a page of invoices refers to (through `ref` fields). */
export function referencedIds(mapping: EntityMapping, raws: Record<string, unknown>[], entity: RefEntity = "customers"): string[] {
  const ids = new Set<string>();
  const refs = refsOnly(mapping);
  for (const raw of raws) mapPull(refs, raw, (e, id) => (e === entity && ids.add(id), undefined));
  return [...ids];
}

/**
 * A record in its hashable form: validated (as the database would accept it) and cut to the
 * fields the mapping pulls. `error` names the first field that fails.
 */
export function normalise(entity: SyncEntity, mapping: EntityMapping, record: LocalRecord): { value: LocalRecord; error?: string } {
  const parsed = localRecordSchemas[entity].safeParse(record);
  const src = (parsed.success ? parsed.data : record) as LocalRecord;
  const { fields, lineFields } = pulledFields(mapping);
  const value: LocalRecord = Object.fromEntries(fields.map((f) => [f, src[f]]));
  if (mapping.lines) value.lines = (Array.isArray(src.lines) ? (src.lines as LocalRecord[]) : []).map((l) => Object.fromEntries(lineFields.map((f) => [f, l[f]])));
  // `overdue` is the app's own reading of a sent invoice past its due date (the mark-overdue
  // schedule); no provider holds it (Xero: AUTHORISED, QuickBooks: a balance and a due date). In
  // the hashable form it is `sent`, so the schedule marking invoices overdue is no change to push.
  if (entity === "invoices" && value.status === "overdue") value.status = "sent";
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return { value, error: issue ? `${issue.path.join(".") || "record"} ${issue.message}` : undefined };
}

/** Links of local ids to provider ids in the other direction, for `ref` fields. */
async function refResolver(tx: DbOrTx, env: EntityEnv, raws: Record<string, unknown>[]): Promise<RefResolver> {
  const links = new Map<RefEntity, Map<string, LinkRow>>();
  for (const entity of ["customers", "invoices"] as const) {
    const ids = referencedIds(env.mapping, raws, entity);
    if (ids.length) links.set(entity, await linksByExternal(tx, env.connectionId, entity, ids));
  }
  return (entity, externalId) => links.get(entity)?.get(externalId)?.localId;
}

/**
 * A record mapped, normalised and hashed, with the references it resolved on the way (entity,
 * provider id, the local id found or none): the same record maps to the same result as long as
 * those references resolve the same.
 */
export type Mapped = { value: LocalRecord; error?: string; hash: string; refs: [RefEntity, string, string | undefined][] };

function mapRecord(env: EntityEnv, raw: Record<string, unknown>, resolve: RefResolver): Mapped {
  const refs: Mapped["refs"] = [];
  const mapped = mapPull(env.mapping, raw, (entity, externalId) => {
    const localId = resolve(entity, externalId);
    refs.push([entity, externalId, localId]);
    return localId;
  });
  const { value, error } = normalise(env.entity, env.mapping, mapped);
  return { value, error, hash: error ? "" : contentHash(value), refs };
}

/** Records mapped ahead of their page's transaction (`premap`), by record. */
export type Premapped = Map<RemoteRecord, Mapped>;

/**
 * Maps a page before its transaction, with its references as committed now: the embedded driver
 * does this for the page it read ahead while the page before is being written, so the mapping's
 * CPU overlaps the database's work instead of following it. Nothing is decided here: the page's
 * transaction reads the references again and maps afresh every record whose references resolve
 * differently there (a customer created by the page before, or linked meanwhile). Yields to the
 * event loop between slices, so the transaction being written is not kept waiting on this.
 */
export async function premap(db: DbOrTx, env: EntityEnv, records: RemoteRecord[]): Promise<Premapped> {
  const resolve = await refResolver(db, env, records.map((r) => r.raw));
  const out: Premapped = new Map();
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % PREMAP_SLICE === 0) await new Promise((r) => setImmediate(r));
    const rec = records[i]!;
    if (!rec.deleted) out.set(rec, mapRecord(env, rec.raw, resolve));
  }
  return out;
}
const PREMAP_SLICE = 100;

/** The record's mapping ahead when its references still resolve the same, else a fresh one. */
const mappedFor = (env: EntityEnv, rec: RemoteRecord, refs: RefResolver, ahead: Premapped | undefined): Mapped => {
  const pre = ahead?.get(rec);
  return pre && pre.refs.every(([entity, id, localId]) => refs(entity, id) === localId) ? pre : mapRecord(env, rec.raw, refs);
};

/**
 * Applies one page of pulled records in the caller's (short) transaction: decides per record
 * (unchanged, echo, create, update, delete policy, conflict policy), then writes the local rows,
 * links, conflicts and events in a handful of batched statements. `force` applies the provider's
 * version without conflict detection (a conflict already decided for the provider).
 */
export async function applyPulled(tx: DbOrTx, env: EntityEnv, records: RemoteRecord[], opts: { force?: boolean; premapped?: Premapped; whileWriting?: () => void } = {}) {
  const counters = zeroCounters();
  const errors: RecordError[] = [];
  const org = env.ctx.organisationId;
  const stamp = new Date();
  // The page's lookups are sent together: on one connection they run back to back in Postgres
  // (pipelined) while this process builds the next, instead of a round trip each.
  const [links, refs, conflictRows] = await Promise.all([
    linksByExternal(tx, env.connectionId, env.entity, records.map((r) => r.externalId)),
    refResolver(tx, env, records.map((r) => r.raw)),
    tx.select({ id: syncConflicts.externalId }).from(syncConflicts).where(and(
      eq(syncConflicts.connectionId, env.connectionId), eq(syncConflicts.entity, env.entity), isNull(syncConflicts.resolvedAt),
      inList(syncConflicts.externalId, records.map((r) => r.externalId)),
    )),
  ]);
  const locals = await loadLocal(tx, org, env.entity, [...links.values()].map((l) => l.localId));
  const openConflicts = new Set(conflictRows.map((r) => r.id));

  const writes: (LocalWrite & { externalId: string })[] = [];
  const linkWrites: LinkWrite[] = [];
  const voids: string[] = [];
  const conflicts: ConflictWrite[] = [];
  const url = (id: string) => env.externalUrl?.(env.account, id) ?? null;
  const keepLink = (l: LinkRow, patch: Partial<LinkWrite>): LinkWrite => ({
    organisationId: org, connectionId: env.connectionId, entity: env.entity, localId: l.localId, externalId: l.externalId,
    remoteVersion: l.remoteVersion, contentHash: l.contentHash, lastPushedHash: l.lastPushedHash, externalUrl: l.externalUrl,
    remoteDeletedAt: l.remoteDeletedAt, syncedAt: l.syncedAt, ...patch,
  });

  for (const rec of records) {
    const link = links.get(rec.externalId);
    if (link && link.remoteVersion === rec.version && !opts.force) {
      counters.unchanged++;
      continue;
    }
    if (rec.deleted) {
      if (!link || link.remoteDeletedAt || env.settings.deletePolicy === "ignore") {
        counters.unchanged++;
        if (link) linkWrites.push(keepLink(link, { remoteVersion: rec.version }));
        continue;
      }
      if (env.entity === "invoices" && env.settings.deletePolicy === "void") voids.push(link.localId);
      linkWrites.push(keepLink(link, { remoteVersion: rec.version, remoteDeletedAt: stamp, syncedAt: stamp }));
      counters.deleted++;
      continue;
    }
    const { value, error, hash } = mappedFor(env, rec, refs, opts.premapped);
    if (error) {
      errors.push({ entity: env.entity, externalId: rec.externalId, localId: link?.localId, message: error });
      continue;
    }
    if (link && !opts.force && (hash === link.contentHash || hash === link.lastPushedHash)) {
      // Same content (or our own push coming back): nothing to write but the version seen.
      counters.unchanged++;
      linkWrites.push(keepLink(link, { remoteVersion: rec.version }));
      continue;
    }
    const local = link && locals.get(link.localId);
    if (link && !local) {
      errors.push({ entity: env.entity, externalId: rec.externalId, localId: link.localId, message: "The linked local record no longer exists." });
      continue;
    }
    if (link && local && !opts.force && local.updatedAt > link.syncedAt && contentHash(normalise(env.entity, env.mapping, local.record).value) !== link.contentHash) {
      if (openConflicts.has(rec.externalId)) {
        counters.unchanged++;
        continue;
      }
      const winner = decideConflict(env.settings.conflictPolicy, local.updatedAt.getTime(), rec.updatedAt);
      conflicts.push(conflictRow({
        organisationId: org, connectionId: env.connectionId, entity: env.entity, localId: link.localId, externalId: rec.externalId,
        localVersion: local.record, remoteVersion: value, policy: env.settings.conflictPolicy, runId: env.runId,
      }, winner));
      if (winner !== "provider") {
        // The app's version stays (and is pushed later, over the version seen now); "ask" waits.
        if (winner === "app") linkWrites.push(keepLink(link, { remoteVersion: rec.version }));
        counters.unchanged++;
        continue;
      }
    }
    const id = link?.localId ?? crypto.randomUUID();
    writes.push({ id, isNew: !link, record: value, externalId: rec.externalId });
    linkWrites.push({
      organisationId: org, connectionId: env.connectionId, entity: env.entity, localId: id, externalId: rec.externalId,
      remoteVersion: rec.version, contentHash: hash, lastPushedHash: link?.lastPushedHash ?? null, externalUrl: url(rec.externalId),
      remoteDeletedAt: null, syncedAt: stamp,
    });
  }

  // Invoice numbers are unique per organisation: a provider invoice whose number another local
  // invoice holds is reported, not written over it.
  if (env.entity === "invoices" && writes.length) {
    const taken = await takenNumbers(tx, org, writes.map((w) => ({ id: w.id, number: String(w.record.number) })));
    const seen = new Set<string>();
    for (const w of [...writes]) {
      const n = String(w.record.number);
      if (taken.has(n) || seen.has(n)) {
        errors.push({ entity: env.entity, externalId: w.externalId, localId: w.isNew ? undefined : w.id, message: `Invoice number ${n} is already used by another invoice in the app.` });
        writes.splice(writes.indexOf(w), 1);
        linkWrites.splice(linkWrites.findIndex((l) => l.externalId === w.externalId && l.localId === w.id), 1);
      }
      seen.add(n);
    }
  }
  counters.failed = errors.length;
  counters.created = writes.filter((w) => w.isNew).length;
  counters.updated = writes.length - counters.created;

  // The writes, pipelined the same way (the links and conflicts depend on nothing the local
  // writes return; Postgres runs them in the order they are sent).
  const written = Promise.all([
    (async () => {
      await writeLocal(tx, org, env.entity, writes, stamp);
      if (voids.length) await voidLocal(tx, org, voids, stamp);
    })(),
    upsertLinks(tx, linkWrites),
    recordConflicts(tx, conflicts),
  ]);
  // The statements are built and sent: the caller's work that needs no answer from them runs now.
  if (writes.length || linkWrites.length) opts.whileWriting?.();
  await written;
  return { counters, errors, conflicts: conflicts.length };
}
