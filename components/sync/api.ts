import { z } from "zod";
import { callApi, callApiBody, connectionApiPath, type ApiResult } from "@/components/integrations/api-client";

// The sync HTTP contract as the Sync tab reads it (lib/api/schemas/sync.ts is the server's side).
// Objects are loose and entities plain strings, so a field or an entity lib/sync adds later shows
// up without a change here.

const counters = z.looseObject({ created: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number(), failed: z.number() });
export const runSchema = z.looseObject({
  id: z.string(), entity: z.string().nullable(), direction: z.string(), mode: z.string(),
  status: z.enum(["queued", "running", "succeeded", "partial", "failed", "cancelled"]), currentEntity: z.string().nullable(),
  counters, progress: z.number(), total: z.number().nullable(), cancelRequested: z.boolean(), error: z.string().nullable(),
  createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
});
export type SyncRun = z.infer<typeof runSchema>;
export const runDetailSchema = runSchema.extend({
  errors: z.array(z.looseObject({ entity: z.string(), externalId: z.string().nullable(), localId: z.string().nullable(), message: z.string() })),
});
export type SyncRunDetail = z.infer<typeof runDetailSchema>;
const runPage = z.object({ data: z.array(runSchema), page: z.looseObject({ nextCursor: z.string().nullable() }) });

export const settingsSchema = z.looseObject({
  entity: z.string(), direction: z.string(), enabled: z.boolean(), schedule: z.string(), conflictPolicy: z.string(), deletePolicy: z.string(), customMapping: z.boolean(),
});
export type EntitySettings = z.infer<typeof settingsSchema>;

const transform = z.looseObject({ kind: z.string() });
export const fieldMapSchema = z.looseObject({ local: z.string(), remote: z.string(), direction: z.string().default("both"), transform: transform.default({ kind: "direct" }) });
export type FieldMap = z.infer<typeof fieldMapSchema>;
export const mappingSchema = z.looseObject({
  fields: z.array(fieldMapSchema),
  lines: z.looseObject({ remote: z.string(), fields: z.array(fieldMapSchema) }).optional(),
});
export type Mapping = z.infer<typeof mappingSchema>;
export const entityMappingSchema = z.looseObject({
  entity: z.string(), custom: z.boolean(), mapping: mappingSchema,
  localFields: z.array(z.object({ name: z.string(), required: z.boolean() })), localLineFields: z.array(z.string()),
  remoteFields: z.array(z.string()), remoteLineFields: z.array(z.string()),
});
export type EntityMapping = z.infer<typeof entityMappingSchema>;
export const previewSchema = z.array(z.looseObject({ externalId: z.string(), before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()), error: z.string().nullable() }));
export type PreviewRow = z.infer<typeof previewSchema>[number];

export const lookupEntrySchema = z.looseObject({ externalId: z.string(), code: z.string(), name: z.string(), detail: z.string().nullable(), active: z.boolean() });
export type LookupEntry = z.infer<typeof lookupEntrySchema>;

export const conflictSchema = z.looseObject({
  id: z.string(), entity: z.string(), localId: z.string(), externalId: z.string(),
  localVersion: z.record(z.string(), z.unknown()), remoteVersion: z.record(z.string(), z.unknown()),
  policy: z.string(), resolution: z.string().nullable(), createdAt: z.string(),
});
export type Conflict = z.infer<typeof conflictSchema>;

/** A failure with every field path the API named (the mapping editor shows them per row). */
export type PathIssue = { path: string; message: string };
async function callWithPaths<T>(method: "PUT" | "POST", url: string, schema: z.ZodType<T>, body: unknown): Promise<{ ok: true; data: T } | { ok: false; message: string; issues: PathIssue[] }> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  } catch {
    return { ok: false, message: "The hub could not be reached. Check your connection and try again.", issues: [] };
  }
  const json = (await res.json().catch(() => null)) as { data?: unknown; detail?: string; errors?: PathIssue[] } | null;
  if (!res.ok) return { ok: false, message: json?.detail ?? "The request failed.", issues: json?.errors ?? [] };
  const parsed = z.object({ data: schema }).safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data.data } : { ok: false, message: "The hub answered in an unexpected way. Reload the page.", issues: [] };
}

/** Unwraps an ApiResult for react-query (a failure becomes an Error with the API's message). */
export async function unwrap<T>(p: Promise<ApiResult<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

export const syncKeys = {
  settings: (id: string) => ["sync", id, "settings"] as const,
  runs: (id: string, cursor: string | null) => ["sync", id, "runs", cursor] as const,
  run: (id: string, runId: string) => ["sync", id, "run", runId] as const,
  conflicts: (id: string) => ["sync", id, "conflicts"] as const,
  mappings: (id: string) => ["sync", id, "mappings"] as const,
  lookups: (id: string, kind: string) => ["sync", id, "lookups", kind] as const,
};

export const syncApi = {
  settings: (id: string) => callApi("GET", connectionApiPath(id, "/sync/settings"), z.array(settingsSchema)),
  saveSettings: (id: string, entities: Record<string, Partial<EntitySettings>>) => callApi("PUT", connectionApiPath(id, "/sync/settings"), z.array(settingsSchema), { entities }),
  start: (id: string, req: { entity?: string; mode?: "full" | "incremental" }) => callApi("POST", connectionApiPath(id, "/sync"), z.looseObject({ runId: z.string(), joined: z.boolean() }), req),
  runs: (id: string, cursor: string | null) => callApiBody("GET", connectionApiPath(id, `/sync/runs?limit=10${cursor ? `&before=${encodeURIComponent(cursor)}` : ""}`), runPage),
  run: (id: string, runId: string) => callApi("GET", connectionApiPath(id, `/sync/runs/${runId}`), runDetailSchema),
  cancel: (id: string, runId: string) => callApi("POST", connectionApiPath(id, `/sync/runs/${runId}/cancel`), runSchema),
  retry: (id: string, runId: string) => callApi("POST", connectionApiPath(id, `/sync/runs/${runId}/retry`), z.looseObject({ runId: z.string() })),
  conflicts: (id: string) => callApi("GET", connectionApiPath(id, "/sync/conflicts?open=true"), z.array(conflictSchema)),
  resolve: (id: string, conflictId: string, side: "app" | "provider") => callApi("POST", connectionApiPath(id, `/sync/conflicts/${conflictId}/resolve`), conflictSchema, { side }),
  mappings: (id: string) => callApi("GET", connectionApiPath(id, "/mappings"), z.array(entityMappingSchema)),
  saveMapping: (id: string, entity: string, mapping: Mapping | null) => callWithPaths("PUT", connectionApiPath(id, "/mappings"), entityMappingSchema, { entity, mapping }),
  lookups: (id: string, kind: string) => callApi("GET", connectionApiPath(id, `/sync/lookups?kind=${encodeURIComponent(kind)}`), z.array(lookupEntrySchema)),
  preview: (id: string, entity: string, mapping: Mapping) => callWithPaths("POST", connectionApiPath(id, "/mappings/preview"), previewSchema, { entity, mapping }),
};

/** Where a synced record lives in the app (null for entities without a page). */
export function recordHref(entity: string, localId: string | null): string | null {
  if (!localId) return null;
  if (entity === "customers") return `/customers/${localId}`;
  if (entity === "invoices") return `/invoices/${localId}`;
  return null;
}
