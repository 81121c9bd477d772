import { z } from "zod";
import { SYNC_ENTITIES } from "@/lib/sync/fields";
import { ApiError } from "../problem";
import { connectionParamsSchema, providerParamsSchema } from "./integrations";
import { registerSchema, timestampSchema } from "./registry";
import { entityMappingSchema, LOOKUP_KINDS } from "@/lib/sync/mapping";
import { settingsPatchSchema } from "@/lib/sync/settings";

// Request and response schemas of the sync routes: /api/integrations/[provider]/sync/** (the
// provider's default connection) and /api/connections/[id]/sync/** (any connection).

/** Any entity lib/sync syncs (the list grows with lib/sync, not here). */
const entity = z.enum(SYNC_ENTITIES, { error: `entity must be one of ${SYNC_ENTITIES.join(", ")}` });

/** POST …/sync body: one entity or all, incremental (default) or full. */
export const syncRequest = registerSchema(
  z.object({ entity: entity.optional(), mode: z.enum(["full", "incremental"], { error: "mode must be full or incremental" }).optional() }).strict(),
  { id: "SyncRequest", io: "input" },
);

/** `{ runId }` of …/sync/runs/[runId]. */
export const runParamsSchema = registerSchema(
  z.object({ runId: z.uuid("runId must be a sync run id (a UUID)") }),
  { id: "SyncRunParams", io: "input" },
);

/** GET …/sync/runs query: page size and the previous page's `nextCursor`. */
export const runListQuery = registerSchema(
  z.object({
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
    before: z.string().max(200, "before is at most 200 characters").regex(/^.+_[0-9a-f-]{36}$/, "before must be the nextCursor of the previous page").optional(),
  }).strict(),
  { id: "SyncRunListQuery", io: "input" },
);

/** 202 answer of POST …/sync and …/retry: the run that will do it (`joined`: one already queued or running). */
export const syncStartedResponse = registerSchema(
  z.object({ data: z.object({ runId: z.string(), joined: z.boolean() }) }),
  { id: "SyncStarted", io: "output" },
);

export const syncRunDto = registerSchema(
  z.object({
    id: z.string(), connectionId: z.string(), provider: z.string(), entity: entity.nullable(), direction: z.enum(["both", "pull", "push"]),
    mode: z.enum(["full", "incremental"]), status: z.enum(["queued", "running", "succeeded", "partial", "failed", "cancelled"]),
    currentEntity: entity.nullable(),
    counters: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), deleted: z.number().int(), failed: z.number().int() }),
    progress: z.number().int(), total: z.number().int().nullable(), cancelRequested: z.boolean(), retryOf: z.string().nullable(), error: z.string().nullable(),
    createdAt: timestampSchema, startedAt: timestampSchema.nullable(), finishedAt: timestampSchema.nullable(),
  }),
  { id: "SyncRun", io: "output" },
);

export const syncRunErrorDto = registerSchema(
  z.object({ entity: entity, externalId: z.string().nullable(), localId: z.string().nullable(), message: z.string(), createdAt: timestampSchema }),
  { id: "SyncRunError", io: "output" },
);

export const syncRunResponse = registerSchema(z.object({ data: syncRunDto }), { id: "SyncRunResponse", io: "output" });
export const syncRunDetailResponse = registerSchema(
  z.object({ data: syncRunDto.extend({ errors: z.array(syncRunErrorDto) }) }),
  { id: "SyncRunDetail", io: "output" },
);
export const syncRunListResponse = registerSchema(
  z.object({ data: z.array(syncRunDto), page: z.object({ limit: z.number().int(), nextCursor: z.string().nullable() }) }),
  { id: "SyncRunList", io: "output" },
);

const entityStatus = z.object({ synced: z.number().int(), pending: z.number().int(), errors: z.number().int() });
/** GET …/sync/status: the connection's last sync, the latest run's status and per-entity counts. */
export const syncStatusResponse = registerSchema(
  z.object({
    data: z.object({
      provider: z.string(), connectionId: z.string(), last_sync: timestampSchema.nullable(),
      status: z.enum(["never", "queued", "running", "succeeded", "partial", "failed", "cancelled"]),
      entities: z.record(entity, entityStatus),
    }),
  }),
  { id: "SyncStatus", io: "output" },
);

/** The runs cursor: "<ISO created_at>_<run id>" of the previous page's last run. */
export function parseRunsCursor(before: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!before) return undefined;
  const at = before.lastIndexOf("_");
  const createdAt = new Date(before.slice(0, at));
  if (Number.isNaN(createdAt.getTime())) {
    throw new ApiError(400, "invalid_input", "Some query parameters are invalid.", [{ in: "query", path: "before", message: "before must be the nextCursor of the previous page" }]);
  }
  return { createdAt, id: before.slice(at + 1) };
}
export const runsCursor = (r: { createdAt: string; id: string }) => `${r.createdAt}_${r.id}`;

/** `{ provider, runId }` and `{ id, runId }` of the run routes. */
export const providerRunParams = registerSchema(providerParamsSchema.extend(runParamsSchema.shape), { id: "ProviderSyncRunParams", io: "input" });
export const connectionRunParams = registerSchema(connectionParamsSchema.extend(runParamsSchema.shape), { id: "ConnectionSyncRunParams", io: "input" });

// ── settings, mappings, conflicts (the Sync tab) ─────────────────────────────────────────────

const entitySettingsDto = z.object({
  entity: entity, direction: z.enum(["pull", "push", "both"]), enabled: z.boolean(),
  schedule: z.enum(["manual", "hourly", "daily", "weekly", "realtime"]), conflictPolicy: z.enum(["newest", "app", "provider", "ask"]),
  deletePolicy: z.enum(["void", "archive", "ignore"]), customMapping: z.boolean(),
});
export const syncSettingsResponse = registerSchema(z.object({ data: z.array(entitySettingsDto) }), { id: "SyncSettings", io: "output" });

/** PUT …/sync/settings: `{ entities: { customers: { direction: "pull" }, … } }`, only the entities and fields that change. */
export const syncSettingsUpdate = registerSchema(
  z.object({ entities: z.partialRecord(entity, settingsPatchSchema) }).strict(),
  { id: "SyncSettingsUpdate", io: "input" },
);

/** PUT …/mappings: one entity's mapping (`null`: back to the provider's default). */
export const mappingUpdate = registerSchema(
  z.object({ entity: entity, mapping: entityMappingSchema.nullable() }).strict(),
  { id: "SyncMappingUpdate", io: "input" },
);
/** POST …/mappings/preview: a mapping to try on three real records before saving it. */
export const mappingPreviewRequest = registerSchema(
  z.object({ entity: entity, mapping: entityMappingSchema }).strict(),
  { id: "SyncMappingPreviewRequest", io: "input" },
);

const entityMappingDto = z.object({
  entity: entity, custom: z.boolean(), mapping: entityMappingSchema,
  localFields: z.array(z.object({ name: z.string(), required: z.boolean() })), localLineFields: z.array(z.string()),
  remoteFields: z.array(z.string()), remoteLineFields: z.array(z.string()),
});
export const mappingListResponse = registerSchema(z.object({ data: z.array(entityMappingDto) }), { id: "SyncMappingList", io: "output" });
export const mappingResponse = registerSchema(z.object({ data: entityMappingDto }), { id: "SyncMapping", io: "output" });
export const mappingPreviewResponse = registerSchema(
  z.object({ data: z.array(z.object({ externalId: z.string(), before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()), error: z.string().nullable() })) }),
  { id: "SyncMappingPreview", io: "output" },
);

/** GET …/sync/lookups query: which pulled list (what a lookup or constant transform chooses from). */
export const lookupListQuery = registerSchema(
  z.object({ kind: z.enum(LOOKUP_KINDS, { error: `kind must be one of ${LOOKUP_KINDS.join(", ")}` }) }).strict(),
  { id: "SyncLookupListQuery", io: "input" },
);
export const lookupListResponse = registerSchema(
  z.object({ data: z.array(z.object({ externalId: z.string(), code: z.string(), name: z.string(), detail: z.string().nullable(), active: z.boolean() })) }),
  { id: "SyncLookupList", io: "output" },
);

/** GET …/sync/conflicts query: `open=true` for the open ones only. */
export const conflictListQuery = registerSchema(
  z.object({
    open: z.enum(["true", "false"], { error: "open must be true or false" }).optional().transform((v) => v === "true"),
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(50),
  }).strict(),
  { id: "SyncConflictListQuery", io: "input" },
);
export const conflictResolveRequest = registerSchema(
  z.object({ side: z.enum(["app", "provider"], { error: "side must be app or provider" }) }).strict(),
  { id: "SyncConflictResolve", io: "input" },
);
const conflictDto = z.object({
  id: z.string(), connectionId: z.string(), entity: entity, localId: z.string(), externalId: z.string(),
  localVersion: z.record(z.string(), z.unknown()), remoteVersion: z.record(z.string(), z.unknown()),
  policy: z.enum(["newest", "app", "provider", "ask"]), resolution: z.enum(["app", "provider"]).nullable(), resolvedBy: z.string().nullable(),
  runId: z.string().nullable(), createdAt: timestampSchema, resolvedAt: timestampSchema.nullable(),
});
export const conflictListResponse = registerSchema(z.object({ data: z.array(conflictDto) }), { id: "SyncConflictList", io: "output" });
export const conflictResponse = registerSchema(z.object({ data: conflictDto }), { id: "SyncConflict", io: "output" });

const conflictIdParam = z.object({ conflictId: z.uuid("conflictId must be a conflict id (a UUID)") });
export const providerConflictParams = registerSchema(providerParamsSchema.extend(conflictIdParam.shape), { id: "ProviderSyncConflictParams", io: "input" });
export const connectionConflictParams = registerSchema(connectionParamsSchema.extend(conflictIdParam.shape), { id: "ConnectionSyncConflictParams", io: "input" });
