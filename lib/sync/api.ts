import { and, desc, eq, sql } from "drizzle-orm";
import { syncLinks, syncRunErrors, syncRuns } from "@/drizzle/schema";
import { requireActorRole, type AccessContext } from "@/lib/auth/access";
import { IntegrationError } from "@/lib/connections/errors";
import type { Db } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import type { SyncEntity } from "./fields";
import { countPending } from "./local-records";
import { syncEntitiesOf } from "./provider";
import { requestRun, retryRun } from "./request";
import { cancelRun, getRun, listRuns, runErrors, type SyncRunRow } from "./runs";

// What the sync routes call: views of runs and status for one connection (DTO fields only).

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A run as the API shows it. */
export function runView(r: SyncRunRow) {
  return {
    id: r.id, connectionId: r.connectionId, provider: r.provider, entity: r.entity as SyncEntity | null, direction: r.direction as "both" | "pull" | "push",
    mode: r.mode, status: r.status, currentEntity: r.currentEntity as SyncEntity | null,
    counters: { created: r.created, updated: r.updated, unchanged: r.unchanged, deleted: r.deleted, failed: r.failed },
    progress: r.progress, total: r.total, cancelRequested: r.cancelRequested, retryOf: r.retryOf, error: r.error,
    createdAt: r.createdAt.toISOString(), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt),
  };
}

/** The connection, when it belongs to the organisation and its provider syncs. */
async function syncConnection(db: Db, ctx: AccessContext, connectionId: string) {
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.status === "disconnected" || row.status === "pending") throw new IntegrationError("NOT_CONNECTED");
  if (!syncEntitiesOf(row.provider).length) throw new IntegrationError("NOT_AVAILABLE", { providerMessage: `${row.provider} does not sync yet.` });
  return row;
}

/** "Sync now" (admin/owner). */
export async function startSync(db: Db, ctx: AccessContext, connectionId: string, body: { entity?: SyncEntity; mode?: "full" | "incremental" }) {
  requireActorRole(ctx, "admin");
  await syncConnection(db, ctx, connectionId);
  return requestRun(db, ctx, connectionId, { ...body, direction: "both" });
}

export async function runDetail(db: Db, ctx: AccessContext, connectionId: string, runId: string) {
  const run = await getRun(db, ctx, runId, connectionId);
  const errors = await runErrors(db, ctx, runId);
  return {
    ...runView(run),
    errors: errors.map((e) => ({ entity: e.entity as SyncEntity, externalId: e.externalId, localId: e.localId, message: e.message, createdAt: e.createdAt.toISOString() })),
  };
}

export async function runPage(db: Db, ctx: AccessContext, connectionId: string, opts: { limit: number; before?: { createdAt: Date; id: string } }) {
  await syncConnection(db, ctx, connectionId);
  return (await listRuns(db, ctx, connectionId, opts)).map(runView);
}

export async function cancel(db: Db, ctx: AccessContext, connectionId: string, runId: string) {
  requireActorRole(ctx, "admin");
  return runView(await cancelRun(db, ctx, runId, connectionId));
}

export async function retry(db: Db, ctx: AccessContext, connectionId: string, runId: string) {
  requireActorRole(ctx, "admin");
  return retryRun(db, ctx, runId, connectionId);
}

/** `{ provider, last_sync, status, entities: { customers: { synced, pending, errors }, … } }`. */
export async function syncStatus(db: Db, ctx: AccessContext, connectionId: string) {
  const conn = await syncConnection(db, ctx, connectionId);
  const [latest] = await db.select().from(syncRuns).where(and(eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.connectionId, connectionId)))
    .orderBy(desc(syncRuns.createdAt)).limit(1);
  const entities: Partial<Record<SyncEntity, { synced: number; pending: number; errors: number }>> = {};
  for (const entity of syncEntitiesOf(conn.provider)) {
    const [synced] = await db.select({ n: sql<number>`count(*)::int` }).from(syncLinks)
      .where(and(eq(syncLinks.organisationId, ctx.organisationId), eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity)));
    const errors = latest
      ? (await db.select({ n: sql<number>`count(*)::int` }).from(syncRunErrors).where(and(eq(syncRunErrors.runId, latest.id), eq(syncRunErrors.entity, entity))))[0]!.n
      : 0;
    entities[entity] = { synced: synced!.n, pending: await countPending(db, ctx.organisationId, connectionId, entity), errors };
  }
  return { provider: conn.provider, connectionId, last_sync: iso(conn.lastSyncAt), status: latest?.status ?? ("never" as const), entities };
}
