import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { syncRunErrors, syncRuns } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import { actorUserId } from "@/lib/auth/access";
import { NotFoundError } from "@/lib/auth/tenant";
import { ApiError } from "@/lib/api/problem";
import { IntegrationError } from "@/lib/connections/errors";
import type { Db, DbOrTx } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { inngestConfigured } from "@/lib/jobs/names";
import type { SyncEntity } from "./fields";
import type { Counters, RecordError } from "./pull";

export type SyncRunRow = typeof syncRuns.$inferSelect;
export type SyncRunErrorRow = typeof syncRunErrors.$inferSelect;
export type RunDirection = "both" | "pull" | "push";
export type RunOnly = { entity: SyncEntity; externalId?: string | null; localId?: string | null }[];

export interface RunRequest {
  entity?: SyncEntity;
  mode?: "full" | "incremental";
  /** "both" follows each entity's settings; "push" is what local changes trigger. */
  direction?: RunDirection;
  only?: RunOnly;
  retryOf?: string;
}

/** The run job's name (lib/sync/jobs.ts defines it; named here so runs.ts needs no import of it). */
export const SYNC_RUN_JOB = "sync.run";

async function usableConnection(db: DbOrTx, ctx: AccessContext, connectionId: string) {
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.status === "disconnected" || row.status === "pending") throw new IntegrationError("NOT_CONNECTED");
  return row;
}

async function prepareLocalQueue(db: Db): Promise<void> {
  const [{ getBoss, ensureQueue }, { findJob }] = await Promise.all([import("@/lib/jobs/local/boss"), import("@/lib/jobs/registry")]);
  const job = findJob(SYNC_RUN_JOB);
  if (job) await ensureQueue(await getBoss(db), job);
}

/** The queued or running run that covers this request (same direction; an all-entities run covers one entity). */
async function activeRun(db: DbOrTx, ctx: AccessContext, connectionId: string, direction: RunDirection, entity?: SyncEntity) {
  const [row] = await db.select().from(syncRuns).where(and(
    eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.connectionId, connectionId), eq(syncRuns.direction, direction),
    inArray(syncRuns.status, ["queued", "running"]),
    entity ? or(eq(syncRuns.entity, entity), isNull(syncRuns.entity)) : isNull(syncRuns.entity),
  )).orderBy(syncRuns.createdAt).limit(1);
  return row;
}

/**
 * Starts a sync run of a connection (all entities, or one), or joins the one already queued or
 * running for the same scope: one run per connection and entity at a time (a partial unique index
 * makes it exact under concurrent requests). The run's job is enqueued in the same transaction
 * as the run row under the embedded driver; under Inngest right after the commit.
 */
export async function requestRun(db: Db, ctx: AccessContext, connectionId: string, req: RunRequest = {}, tx?: DbOrTx): Promise<{ runId: string; joined: boolean }> {
  const direction = req.direction ?? "both";
  const create = async (t: DbOrTx) => {
    const conn = await usableConnection(t, ctx, connectionId);
    if (!req.only) {
      const existing = await activeRun(t, ctx, connectionId, direction, req.entity);
      if (existing) return { runId: existing.id, joined: true };
    }
    const [row] = await t.insert(syncRuns).values({
      organisationId: ctx.organisationId, connectionId, provider: conn.provider, entity: req.entity ?? null, direction,
      mode: req.mode ?? "incremental", only: req.only ?? null, retryOf: req.retryOf ?? null, requestedBy: actorUserId(ctx),
    }).onConflictDoNothing().returning({ id: syncRuns.id });
    if (!row) {
      const raced = await activeRun(t, ctx, connectionId, direction, req.entity);
      if (raced) return { runId: raced.id, joined: true };
      throw new ApiError(409, "sync_running", "A sync of this connection is already running; try again when it has finished.");
    }
    const payload = { organisationId: ctx.organisationId, connectionId, runId: row.id };
    const { enqueue } = await import("@/lib/jobs/enqueue");
    if (!inngestConfigured()) await enqueue(SYNC_RUN_JOB, payload, { db, tx: t });
    return { runId: row.id, joined: false, payload };
  };
  // The embedded driver's queue must exist before a transaction sends into it (on PGlite a query
  // outside the open transaction would wait for it forever); created once per process.
  if (!inngestConfigured() && !tx) await prepareLocalQueue(db);
  const out = tx ? await create(tx) : await db.transaction(create);
  if ("payload" in out && out.payload && inngestConfigured()) {
    const { enqueue } = await import("@/lib/jobs/enqueue");
    await enqueue(SYNC_RUN_JOB, out.payload, { db });
  }
  return { runId: out.runId, joined: out.joined };
}

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

/** "Retry failed": a new run that re-does just the records the run could not sync. */
export async function retryRun(db: Db, ctx: AccessContext, runId: string, connectionId?: string): Promise<{ runId: string; joined: boolean }> {
  const run = await getRun(db, ctx, runId, connectionId);
  if (run.status === "queued" || run.status === "running") throw new ApiError(409, "sync_running", "The run is still going; retry it when it has finished.");
  const errors = await runErrors(db, ctx, runId, 5000);
  if (!errors.length) throw new ApiError(409, "nothing_to_retry", "The run has no failed records to retry.");
  const only: RunOnly = errors.map((e) => ({ entity: e.entity as SyncEntity, externalId: e.externalId, localId: e.localId }));
  return requestRun(db, ctx, run.connectionId, { entity: run.entity as SyncEntity | undefined ?? undefined, direction: run.direction as RunDirection, only, retryOf: run.id, mode: run.mode });
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
