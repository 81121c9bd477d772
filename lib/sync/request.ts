import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { syncRuns } from "@/drizzle/schema";
import { actorUserId, type AccessContext } from "@/lib/auth/access";
import { ApiError } from "@/lib/api/problem";
import { IntegrationError } from "@/lib/connections/errors";
import type { Db, DbOrTx } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { inngestConfigured } from "@/lib/jobs/names";
import type { SyncEntity } from "./fields";
import { syncRunJob } from "./run-job";
import { getRun, runErrors, type RunDirection, type RunOnly } from "./runs";

export interface RunRequest {
  entity?: SyncEntity;
  mode?: "full" | "incremental";
  /** "both" follows each entity's settings; "push" is what local changes trigger. */
  direction?: RunDirection;
  only?: RunOnly;
  retryOf?: string;
}

async function usableConnection(db: DbOrTx, ctx: AccessContext, connectionId: string) {
  const row = await findConnectionById(db, ctx, connectionId);
  if (!row || row.status === "disconnected" || row.status === "pending") throw new IntegrationError("NOT_CONNECTED");
  return row;
}

async function prepareLocalQueue(db: Db): Promise<void> {
  const { getBoss, ensureQueue } = await import("@/lib/jobs/local/boss");
  await ensureQueue(await getBoss(db), syncRunJob);
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
    if (!inngestConfigured()) await enqueueJob(syncRunJob, payload, { db, tx: t });
    return { runId: row.id, joined: false, payload };
  };
  // The embedded driver's queue must exist before a transaction sends into it (on PGlite a query
  // outside the open transaction would wait for it forever); created once per process.
  if (!inngestConfigured() && !tx) await prepareLocalQueue(db);
  const out = tx ? await create(tx) : await db.transaction(create);
  if ("payload" in out && out.payload && inngestConfigured()) {
    await enqueueJob(syncRunJob, out.payload, { db });
  }
  return { runId: out.runId, joined: out.joined };
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

