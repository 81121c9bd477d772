import { and, eq, isNull } from "drizzle-orm";
import { syncConflicts, syncLinks, syncSettings } from "@/drizzle/schema";
import { actorUserId, requireActorRole, type AccessContext } from "@/lib/auth/access";
import { ApiError } from "@/lib/api/problem";
import type { Db } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { IntegrationError } from "@/lib/connections/errors";
import { listConflicts, type ConflictRow } from "./conflicts";
import { LOCAL_FIELDS, REMOTE_FIELDS, type SyncEntity } from "./fields";
import { linksByExternal } from "./links";
import { checkListValues, lookupsOf, type LookupKind } from "./lookups";
import { MappingError, mapPull, mappingFor, validateMapping, type EntityMapping } from "./mapping";
import { normalise, applyPulled, type EntityEnv } from "./pull";
import { syncEntitiesOf, syncTarget } from "./provider";
import { requestRun } from "./request";
import { defaultSettings, getEntitySettings, saveEntitySettings, type EntitySettings } from "./settings";

// What the Sync tab's routes call besides runs: per-entity settings, the field mappings (with a
// preview on real provider records) and the conflicts a person resolves. Entities come from the
// provider's sync modules, so a new entity shows up here without a change.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function liveConnection(db: Db, ctx: AccessContext, connectionId: string) {
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.status === "disconnected" || row.status === "pending") throw new IntegrationError("NOT_CONNECTED");
  const entities = syncEntitiesOf(row.provider);
  if (!entities.length) throw new IntegrationError("NOT_AVAILABLE", { providerMessage: `${row.provider} does not sync yet.` });
  return { row, entities };
}

/** Every entity's settings row of a connection in one query (defaults where none is stored). */
async function settingsRows(db: Db, ctx: AccessContext, connectionId: string, entities: SyncEntity[]) {
  const rows = await db.select().from(syncSettings).where(and(eq(syncSettings.organisationId, ctx.organisationId), eq(syncSettings.connectionId, connectionId)));
  const byEntity = new Map(rows.map((r) => [r.entity, r]));
  return entities.map((entity) => ({ entity, settings: (byEntity.get(entity) ?? defaultSettings(entity)) as EntitySettings }));
}

const settingsView = (entity: SyncEntity, s: EntitySettings) => ({
  entity, direction: s.direction, enabled: s.enabled, schedule: s.schedule, conflictPolicy: s.conflictPolicy, deletePolicy: s.deletePolicy,
  customMapping: s.mapping !== null && s.mapping !== undefined,
});

export async function getSyncSettings(db: Db, ctx: AccessContext, connectionId: string) {
  const { entities } = await liveConnection(db, ctx, connectionId);
  return (await settingsRows(db, ctx, connectionId, entities)).map(({ entity, settings }) => settingsView(entity, settings));
}

/** Changes the settings of the entities named (admin/owner), in one transaction. */
export async function putSyncSettings(db: Db, ctx: AccessContext, connectionId: string, patch: Partial<Record<SyncEntity, Record<string, unknown>>>) {
  requireActorRole(ctx, "admin");
  const { entities } = await liveConnection(db, ctx, connectionId);
  const unknown = Object.keys(patch).filter((e) => !(entities as string[]).includes(e));
  if (unknown.length) throw new ApiError(400, "invalid_input", "Some entities do not sync on this connection.", unknown.map((e) => ({ in: "body", path: `entities.${e}`, message: `${e} does not sync on this connection; it syncs ${entities.join(", ")}` })));
  await db.transaction(async (tx) => {
    for (const [entity, p] of Object.entries(patch)) await saveEntitySettings(tx, ctx, connectionId, entity as SyncEntity, p);
  });
  return getSyncSettings(db, ctx, connectionId);
}

// ── mappings ─────────────────────────────────────────────────────────────────────────────────

/** Each entity's effective mapping (the connection's own or the provider's default) and the fields it may name. */
export async function getMappings(db: Db, ctx: AccessContext, connectionId: string) {
  const { row, entities } = await liveConnection(db, ctx, connectionId);
  const rows = await settingsRows(db, ctx, connectionId, entities);
  return rows.map(({ entity, settings }) => {
    const local = LOCAL_FIELDS[entity];
    const remote = REMOTE_FIELDS[row.provider]?.[entity];
    const own = settings.mapping !== null && settings.mapping !== undefined;
    let mapping: EntityMapping;
    try {
      mapping = mappingFor(row.provider, entity, settings.mapping);
    } catch {
      // A stored mapping the current field lists refuse: show the default (the engine fails such runs).
      mapping = mappingFor(row.provider, entity);
    }
    return {
      entity, custom: own, mapping,
      localFields: Object.entries(local.fields).map(([name, f]) => ({ name, required: !!f.required })),
      localLineFields: local.lines ? Object.keys(local.lines) : [],
      remoteFields: [...(remote?.fields ?? [])], remoteLineFields: [...(remote?.lines ?? [])],
    };
  });
}

/**
 * A mapping checked for this connection: fields its provider knows, and values chosen from pulled
 * lists found in the connection's lists; a problem is a 400 naming `mapping.<path>`.
 */
async function checked(db: Db, ctx: AccessContext, connectionId: string, provider: string, entity: SyncEntity, input: unknown): Promise<EntityMapping> {
  try {
    const mapping = validateMapping(provider, entity, input);
    await checkListValues(db, ctx, connectionId, mapping);
    return mapping;
  } catch (err) {
    if (err instanceof MappingError) {
      throw new ApiError(400, "invalid_mapping", `The mapping is refused: ${err.message}`, [{ in: "body", path: `mapping.${err.path}`, message: err.message.slice(err.path.length + 2) }]);
    }
    throw err;
  }
}

function entityOf(entities: SyncEntity[], entity: SyncEntity) {
  if (!entities.includes(entity)) throw new ApiError(400, "invalid_input", `${entity} does not sync on this connection.`, [{ in: "body", path: "entity", message: `entity must be one of ${entities.join(", ")}` }]);
  return entity;
}

/** Saves a connection's own mapping of one entity (admin/owner); `null` goes back to the default. */
export async function putMapping(db: Db, ctx: AccessContext, connectionId: string, body: { entity: SyncEntity; mapping: unknown }) {
  requireActorRole(ctx, "admin");
  const { row, entities } = await liveConnection(db, ctx, connectionId);
  const entity = entityOf(entities, body.entity);
  const mapping = body.mapping === null ? null : await checked(db, ctx, connectionId, row.provider, entity, body.mapping);
  const current = await getEntitySettings(db, ctx, connectionId, entity);
  await db.insert(syncSettings)
    .values({ organisationId: ctx.organisationId, connectionId, entity, ...current, mapping, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [syncSettings.connectionId, syncSettings.entity], set: { mapping, updatedAt: new Date() } });
  return (await getMappings(db, ctx, connectionId)).find((m) => m.entity === entity)!;
}

/** A connection's pulled list (tax rates or accounts) that a lookup or constant transform chooses from. */
export async function lookupList(db: Db, ctx: AccessContext, connectionId: string, kind: LookupKind) {
  await liveConnection(db, ctx, connectionId);
  return (await lookupsOf(db, ctx, connectionId, [kind])).get(kind) ?? [];
}

export const PREVIEW_RECORDS = 3;

/**
 * Three real records from the provider (its first page, read outside any transaction) as the
 * provider holds them and as the given mapping would write them, with the first field the app
 * would refuse. Nothing is written.
 */
export async function previewMapping(db: Db, ctx: AccessContext, connectionId: string, body: { entity: SyncEntity; mapping: unknown }) {
  const { row, entities } = await liveConnection(db, ctx, connectionId);
  const entity = entityOf(entities, body.entity);
  const mapping = await checked(db, ctx, connectionId, row.provider, entity, body.mapping);
  const target = await syncTarget(db, ctx, connectionId);
  const page = await target.module(entity).pull(target.api, { since: null, cursor: null });
  const records = page.records.filter((r) => !r.deleted).slice(0, PREVIEW_RECORDS);
  // Refs (an invoice's customer) resolve through the links: one query for the page.
  const refIds = new Set<string>();
  for (const r of records) mapPull(mapping, r.raw, (_e, id) => (refIds.add(id), undefined));
  const links = await linksByExternal(db, connectionId, "customers", [...refIds]);
  return records.map((r) => {
    const mapped = mapPull(mapping, r.raw, (_e, id) => links.get(id)?.localId);
    const { error } = normalise(entity, mapping, mapped);
    return { externalId: r.externalId, before: r.raw, after: mapped, error: error ?? null };
  });
}

// ── conflicts ────────────────────────────────────────────────────────────────────────────────

export function conflictView(c: ConflictRow) {
  return {
    id: c.id, connectionId: c.connectionId, entity: c.entity as SyncEntity, localId: c.localId, externalId: c.externalId,
    localVersion: c.localVersion as Record<string, unknown>, remoteVersion: c.remoteVersion as Record<string, unknown>,
    policy: c.policy, resolution: c.resolution as "app" | "provider" | null, resolvedBy: c.resolvedBy, runId: c.runId,
    createdAt: c.createdAt.toISOString(), resolvedAt: iso(c.resolvedAt),
  };
}

export async function conflictList(db: Db, ctx: AccessContext, connectionId: string, opts: { open?: boolean; limit: number }) {
  await liveConnection(db, ctx, connectionId);
  return (await listConflicts(db, ctx, connectionId, opts)).map(conflictView);
}

/**
 * A person picks a side of an open conflict (admin/owner). "provider": the provider's current
 * version is read (outside any transaction) and written locally through the pull path, forced
 * past the conflict check. "app": the link takes the provider's current version and is marked
 * pending, and a push run for that record is requested. Either way the conflict records who and when.
 */
export async function resolveConflict(db: Db, ctx: AccessContext, connectionId: string, conflictId: string, side: "app" | "provider") {
  requireActorRole(ctx, "admin");
  const { row } = await liveConnection(db, ctx, connectionId);
  const [conflict] = await db.select().from(syncConflicts).where(and(
    eq(syncConflicts.organisationId, ctx.organisationId), eq(syncConflicts.connectionId, connectionId), eq(syncConflicts.id, conflictId),
  ));
  if (!conflict) throw new ApiError(404, "not_found", "No such conflict on this connection.");
  if (conflict.resolvedAt) throw new ApiError(409, "already_resolved", `This conflict was already resolved (${conflict.resolution} won).`);
  const entity = conflict.entity as SyncEntity;
  const target = await syncTarget(db, ctx, connectionId);
  const [remote] = await target.module(entity).fetchByIds(target.api, [conflict.externalId]);
  if (!remote) throw new ApiError(409, "remote_missing", `${row.provider} no longer has this record; nothing to resolve against.`);
  const settings = await getEntitySettings(db, ctx, connectionId, entity);
  const env: EntityEnv = {
    ctx, runId: null, connectionId, account: target.api.account, entity,
    mapping: mappingFor(row.provider, entity, settings.mapping), settings, externalUrl: target.module(entity).externalUrl,
  };
  const by = actorUserId(ctx) ?? "system";
  const resolved = await db.transaction(async (tx) => {
    const [claimed] = await tx.update(syncConflicts).set({ resolution: side, resolvedBy: by, resolvedAt: new Date() })
      .where(and(eq(syncConflicts.id, conflict.id), isNull(syncConflicts.resolvedAt))).returning();
    if (!claimed) throw new ApiError(409, "already_resolved", "This conflict was resolved meanwhile.");
    if (side === "provider") {
      const applied = await applyPulled(tx, env, [remote], { force: true });
      // The provider's version cannot be written (a field the app refuses): nothing changes, the conflict stays open.
      if (applied.errors.length) throw new ApiError(409, "cannot_apply", `${row.provider}'s version cannot be applied: ${applied.errors[0]!.message}`);
    } else {
      await tx.update(syncLinks).set({ remoteVersion: remote.version, syncedAt: new Date(0), updatedAt: new Date() })
        .where(and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity), eq(syncLinks.externalId, conflict.externalId)));
    }
    return claimed;
  });
  const run = side === "app" ? await requestRun(db, ctx, connectionId, { entity, direction: "push", only: [{ entity, localId: conflict.localId }] }) : null;
  return { ...conflictView(resolved), runId: run?.runId ?? resolved.runId };
}
