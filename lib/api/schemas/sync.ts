import { z } from "zod";
import { SYNC_ENTITIES } from "@/lib/sync/fields";
import { ApiError } from "../problem";
import { connectionParamsSchema, providerParamsSchema } from "./integrations";
import { registerSchema, timestampSchema } from "./registry";

// Request and response schemas of the sync routes: /api/integrations/[provider]/sync/** (the
// provider's default connection) and /api/connections/[id]/sync/** (any connection).

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
