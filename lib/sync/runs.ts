import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { syncRunErrors, syncRuns } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import { NotFoundError } from "@/lib/auth/tenant";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { SyncEntity } from "./fields";
import type { Counters, RecordError } from "./pull";

export type SyncRunRow = typeof syncRuns.$inferSelect;
export type SyncRunErrorRow = typeof syncRunErrors.$inferSelect;
export type RunDirection = "both" | "pull" | "push";
export type RunOnly = { entity: SyncEntity; externalId?: string | null; localId?: string | null }[];

/** One run of the organisation (404 for another organisation's). */
export async function getRun(db: DbOrTx, ctx: AccessContext, runId: string, connectionId?: string): Promise<SyncRunRow> {
  const [row] = await db.select().from(syncRuns).where(and(
    eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.id, runId), connectionId ? eq(syncRuns.connectionId, connectionId) : undefined,
  ));
  if (!row) throw new NotFoundError("Sync run not found");
  return row;
}

/** A run's per-record errors, oldest first. */
export async function runErrors(db: DbOrTx, ctx: AccessContext, runId: string, limit = 500): Promise<SyncRunErrorRow[]> {
  return db.select().from(syncRunErrors)
    .where(and(eq(syncRunErrors.organisationId, ctx.organisationId), eq(syncRunErrors.runId, runId)))
    .orderBy(syncRunErrors.id).limit(limit);
}

/** A connection's runs, newest first, keyset-paged by (created_at, id). */
export async function listRuns(db: DbOrTx, ctx: AccessContext, connectionId: string, opts: { limit: number; before?: { createdAt: Date; id: string } }): Promise<SyncRunRow[]> {
  return db.select().from(syncRuns).where(and(
    eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.connectionId, connectionId),
    opts.before ? or(lt(syncRuns.createdAt, opts.before.createdAt), and(eq(syncRuns.createdAt, opts.before.createdAt), lt(syncRuns.id, opts.before.id))) : undefined,
  )).orderBy(desc(syncRuns.createdAt), desc(syncRuns.id)).limit(opts.limit);
}

/** Asks a run to stop: a queued run is cancelled at once, a running one at its next page boundary. */
export async function cancelRun(db: Db, ctx: AccessContext, runId: string, connectionId?: string): Promise<SyncRunRow> {
  const run = await getRun(db, ctx, runId, connectionId);
  if (run.status !== "queued" && run.status !== "running") return run;
  const [row] = await db.update(syncRuns).set({
    cancelRequested: true,
    ...(run.status === "queued" ? { status: "cancelled" as const, finishedAt: new Date() } : {}),
  }).where(and(eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.id, runId))).returning();
  return row!;
}

/** Adds a page's counters and errors to its run (in the page's transaction). */
export async function recordProgress(tx: DbOrTx, ctx: AccessContext, runId: string, c: Counters, errors: RecordError[], opts: { processed: number; total?: number }) {
  await tx.update(syncRuns).set({
    created: sql`${syncRuns.created} + ${c.created}`, updated: sql`${syncRuns.updated} + ${c.updated}`,
    unchanged: sql`${syncRuns.unchanged} + ${c.unchanged}`, deleted: sql`${syncRuns.deleted} + ${c.deleted}`,
    failed: sql`${syncRuns.failed} + ${errors.length}`, progress: sql`${syncRuns.progress} + ${opts.processed}`,
    ...(opts.total !== undefined ? { total: sql`coalesce(${syncRuns.total}, 0) + ${opts.total}` } : {}),
  }).where(and(eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.id, runId)));
  if (errors.length) {
    await tx.insert(syncRunErrors).values(errors.map((e) => ({
      organisationId: ctx.organisationId, runId, entity: e.entity, externalId: e.externalId ?? null, localId: e.localId ?? null, message: e.message.slice(0, 1000),
    })));
  }
}
