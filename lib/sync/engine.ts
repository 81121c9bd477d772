import { and, eq, sql } from "drizzle-orm";
import { connections, syncCheckpoints, syncRuns } from "@/drizzle/schema";
import type { PullPage, PullRequest, RemoteRecord, SyncApi, SyncEntityModule, SyncCursor } from "@/integrations/hook-types";
import { jobContext, type AccessContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import type { JobContext } from "@/lib/jobs/types";
import { isSyncEntity, type SyncEntity } from "./fields";
import { linksByExternal } from "./links";
import { refreshLookups } from "./lookups";
import { mappingFor } from "./mapping";
import { syncEntitiesOf, syncTarget } from "./provider";
import { applyPulled, addCounters, premap, referencedIds, zeroCounters, type EntityEnv, type Premapped } from "./pull";
import { pushBatch } from "./push";
import { readAhead, type ReadAhead } from "./read-ahead";
import { recordProgress, type RunOnly, type SyncRunRow } from "./runs";
import { getEntitySettings } from "./settings";

/**
 * A page read ahead. Its records are mapped ahead (`mapAhead`) once the page before has sent its
 * writes, so the mapping's CPU runs while the database works on those instead of after them.
 */
type AheadPage = { page: PullPage; mapAhead(): void; mapped(): Promise<Premapped | undefined> };

function aheadPage(db: Db, env: EntityEnv, page: PullPage): AheadPage {
  let mapping: Promise<Premapped | undefined> | undefined;
  return {
    page,
    // An optimisation only: when it fails, the page is mapped in its transaction.
    mapAhead: () => void (mapping ??= premap(db, env, page.records).catch(() => undefined)),
    mapped: () => mapping ?? Promise.resolve(undefined),
  };
}

/** Where a run stands inside one entity's pull, stored in the checkpoint with each page. */
type PullState = { done?: boolean; provider?: SyncCursor | null; hwm?: number | null; watermark?: number | null; page?: number };

export type RunPayload = { organisationId: string; connectionId: string; runId: string };

const runCtx = (organisationId: string) => jobContext(organisationId, "sync.run");

async function loadRun(db: Db, ctx: AccessContext, runId: string): Promise<SyncRunRow | undefined> {
  const [row] = await db.select().from(syncRuns).where(and(eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.id, runId)));
  return row;
}

async function setRun(db: Db, ctx: AccessContext, runId: string, patch: Partial<typeof syncRuns.$inferInsert>) {
  await db.update(syncRuns).set(patch).where(and(eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.id, runId)));
}

/**
 * Runs one sync run: per entity (customers before invoices), pull page by page and then push,
 * as each entity's settings say. Every page is a job step: fetch outside any transaction, then
 * one short transaction with the records, links, counters and checkpoint. The job may die at any
 * point; its retry reads the checkpoint and goes on from the last committed page. A cancel is
 * seen at the next page boundary.
 */
export async function runSync(db: Db, payload: RunPayload, job: Pick<JobContext, "step">): Promise<{ status: string }> {
  const ctx = runCtx(payload.organisationId);
  const run = await loadRun(db, ctx, payload.runId);
  // Under Inngest the job is sent right after the run's commit; a retry covers the gap.
  if (!run) throw new Error(`Sync run ${payload.runId} not found (not committed yet, or its connection was removed).`);
  if (!["queued", "running"].includes(run.status)) return { status: run.status };
  if (run.cancelRequested) return finish(db, ctx, run.id, "cancelled");
  await setRun(db, ctx, run.id, { status: "running", startedAt: run.startedAt ?? new Date() });
  const target = await syncTarget(db, ctx, run.connectionId);
  const entities = run.entity && isSyncEntity(run.entity) ? [run.entity] : syncEntitiesOf(target.connection.provider);
  const only = (run.only ?? null) as RunOnly | null;
  // A pull of every entity refreshes the provider's tax rates and accounts (the mapping's lookup lists).
  if (!only && !run.entity && run.direction !== "push") await job.step("lookups", () => refreshLookups(db, ctx, run.connectionId));
  for (const entity of entities) {
    const settings = await getEntitySettings(db, ctx, run.connectionId, entity);
    if (!settings.enabled && !run.entity) continue;
    const entityModule = target.module(entity);
    const env: EntityEnv = {
      ctx, runId: run.id, connectionId: run.connectionId, account: target.api.account, entity,
      mapping: mappingFor(target.connection.provider, entity, settings.mapping), settings, externalUrl: entityModule.externalUrl,
    };
    const customers = entity === "invoices" ? await customersEnv(db, ctx, run, target) : undefined;
    await setRun(db, ctx, run.id, { currentEntity: entity });
    const onlyHere = only?.filter((o) => o.entity === entity);
    if (only && !onlyHere?.length) continue;
    if (run.direction !== "push" && settings.direction !== "push") {
      const ahead = readAhead<AheadPage>();
      let written = 0;
      let analyzeAt = ANALYZE_FIRST;
      for (let i = 0; ; i++) {
        const r = await job.step(`pull:${entity}:${i}`, () => pullStep(db, env, run, target.api, entityModule, customers, onlyHere, ahead));
        written += r.written ?? 0;
        if (r.cancelled) return finish(db, ctx, run.id, "cancelled");
        if (r.done) break;
        // Each time the pull has doubled what it wrote, the planner learns the new sizes.
        if (written >= analyzeAt) {
          await job.step(`analyze:${entity}:${analyzeAt}`, () => refreshStatistics(db, entity, { lookupsOnly: true }));
          while (analyzeAt <= written) analyzeAt *= 2;
        }
      }
      if (written >= ANALYZE_AFTER) await job.step(`analyze:${entity}`, () => refreshStatistics(db, entity));
    }
    if (run.direction !== "pull" && settings.direction !== "pull") {
      let after: { updatedAt: string; id: string } | undefined;
      const onlyIds = onlyHere?.map((o) => o.localId).filter((x): x is string => !!x);
      if (onlyHere && !onlyIds?.length) continue;
      for (let i = 0; ; i++) {
        const r = await job.step(`push:${entity}:${i}`, async () => {
          if ((await loadRun(db, ctx, run.id))?.cancelRequested) return { cancelled: true, done: true };
          const res = await pushBatch(db, env, { api: target.api, module: entityModule, customers }, { after: after && { updatedAt: new Date(after.updatedAt), id: after.id }, onlyIds });
          await db.transaction((tx) => recordProgress(tx, ctx, run.id, res.counters, res.errors, { processed: res.count }));
          return { cancelled: false, done: res.count === 0 || !!onlyIds, after: res.last && { updatedAt: res.last.updatedAt.toISOString(), id: res.last.id } };
        });
        if (r.cancelled) return finish(db, ctx, run.id, "cancelled");
        if (r.done) break;
        after = r.after;
      }
    }
  }
  const done = await loadRun(db, ctx, run.id);
  return finish(db, ctx, run.id, done?.cancelRequested ? "cancelled" : (done?.failed ?? 0) > 0 ? "partial" : "succeeded");
}

/** Records written by one entity's pull after which its tables' planner statistics are refreshed. */
const ANALYZE_AFTER = 10_000;
/**
 * During a large pull too, at 2,000 records written and each time that doubles (2k, 4k, 8k … a
 * handful of ANALYZEs for 100,000): the page's lookups (links by provider id, invoice numbers)
 * were planned with the sizes of before the pull, as a scan of every row of the connection
 * filtered by the page's ids, so each page cost more than the one before (40 ms a lookup at
 * 100,000 links, against 2 ms as index probes).
 */
const ANALYZE_FIRST = 2_000;
const TABLES_OF: Partial<Record<SyncEntity, string[]>> = {
  customers: ["customers"], invoices: ["invoices", "invoice_lines", "customers"], products: ["products"], payments: ["payments"],
};

/**
 * ANALYZE of the tables a large pull filled: autovacuum gets to them only after its next nap (later
 * still on a busy machine), and until then the planner believes the sizes of before the pull —
 * measured after a 100,000-invoice pull: the push that follows (pending invoices: invoices left
 * join sync_links) planned as a nested loop over "416 invoices × 3 links" and ran for minutes.
 */
async function refreshStatistics(db: Db, entity: SyncEntity, opts: { lookupsOnly?: boolean } = {}): Promise<void> {
  // During the pull: only the tables its page lookups read (the links, and the entity's own table
  // for invoice numbers); the rest once it has finished.
  const tables = opts.lookupsOnly
    ? ["sync_links", ...(TABLES_OF[entity] ?? []).slice(0, 1)]
    : [...new Set([...(TABLES_OF[entity] ?? []), "sync_links"])];
  await db.execute(sql.raw(`analyze ${tables.map((t) => `"${t}"`).join(", ")}`));
}

async function customersEnv(db: Db, ctx: AccessContext, run: SyncRunRow, target: Awaited<ReturnType<typeof syncTarget>>) {
  const settings = await getEntitySettings(db, ctx, run.connectionId, "customers");
  const customersModule = target.module("customers");
  const env: EntityEnv = {
    ctx, runId: run.id, connectionId: run.connectionId, account: target.api.account, entity: "customers",
    mapping: mappingFor(target.connection.provider, "customers", settings.mapping), settings, externalUrl: customersModule.externalUrl,
  };
  return { env, module: customersModule };
}

async function finish(db: Db, ctx: AccessContext, runId: string, status: "succeeded" | "partial" | "failed" | "cancelled", error?: string) {
  const now = new Date();
  await db.transaction(async (tx) => {
    const [run] = await tx.update(syncRuns).set({ status, finishedAt: now, currentEntity: null, ...(error ? { error: error.slice(0, 1000) } : {}) })
      .where(and(eq(syncRuns.organisationId, ctx.organisationId), eq(syncRuns.id, runId))).returning();
    if (run && status !== "failed" && status !== "cancelled") {
      await tx.update(connections).set({ lastSyncAt: now }).where(and(eq(connections.organisationId, ctx.organisationId), eq(connections.id, run.connectionId)));
    }
  });
  return { status };
}

/** Marks a run failed (its job gave up). */
export async function failRun(db: Db, payload: RunPayload, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await finish(db, runCtx(payload.organisationId), payload.runId, "failed", message);
}

/**
 * One page of one entity's pull. Resumes from the checkpoint when it belongs to this run; a
 * retry of failed records reads just those by id.
 */
async function pullStep(
  db: Db, env: EntityEnv, run: SyncRunRow, api: SyncApi, module: SyncEntityModule,
  customers: { env: EntityEnv; module: SyncEntityModule } | undefined, only: RunOnly | undefined, ahead: ReadAhead<AheadPage>,
): Promise<{ done: boolean; cancelled?: boolean; written?: number }> {
  const { ctx } = env;
  if ((await loadRun(db, ctx, run.id))?.cancelRequested) return { done: true, cancelled: true };
  const [cp] = await db.select().from(syncCheckpoints).where(and(eq(syncCheckpoints.connectionId, env.connectionId), eq(syncCheckpoints.entity, env.entity)));
  const state: PullState = cp?.runId === run.id ? ((cp.cursor ?? {}) as PullState) : {};
  if (state.done) return { done: true };
  const since = run.mode === "full" ? null : (cp?.modifiedSince?.getTime() ?? null);

  let records: RemoteRecord[];
  let next: SyncCursor | null = null;
  let total: number | undefined;
  let watermark = state.watermark ?? null;
  let premapped: Premapped | undefined;
  let whileWriting: (() => void) | undefined;
  if (only) {
    const ids = only.map((o) => o.externalId).filter((x): x is string => !!x);
    records = ids.length ? await module.fetchByIds(api, ids) : [];
    total = records.length;
  } else {
    const fetchPage = async (req: PullRequest) => aheadPage(db, env, await module.pull(api, req));
    const current = await ahead.read({ since, cursor: state.provider ?? null }, fetchPage);
    const page = current.page;
    premapped = await current.mapped();
    // The next page is read while this one is written (no transaction waits on it), and mapped
    // once this one's writes are sent.
    const following = page.next ? ahead.start({ since, cursor: page.next }, fetchPage) : undefined;
    whileWriting = () => void following?.then((f) => f.mapAhead(), () => undefined);
    records = page.records;
    next = page.next;
    total = state.page ? undefined : page.total;
    if (!state.page && page.watermark && Number.isFinite(page.watermark)) watermark = page.watermark;
  }
  // An invoice's customer that is not linked yet is read now (still outside the transaction) and
  // written first in the same transaction, so the invoice always has its customer.
  let prefetched: RemoteRecord[] = [];
  if (customers) {
    const ids = referencedIds(env.mapping, records.map((r) => r.raw));
    const known = await linksByExternal(db, env.connectionId, "customers", ids);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) prefetched = await customers.module.fetchByIds(api, missing);
  }
  const hwm = Math.max(state.hwm ?? since ?? 0, ...records.map((r) => (Number.isFinite(r.updatedAt) ? r.updatedAt : 0)));
  const done = next === null;
  const written = await db.transaction(async (tx) => {
    // The page's lookups are a thousand probes of rows the pull just wrote (cached): planned with
    // the default random_page_cost (4, a spinning disk) Postgres preferred reading every row of the
    // connection, 12.7 ms against 1.8 ms for the probes at 100,000 links. For this transaction only.
    await tx.execute(sql`select set_config('random_page_cost', '1.1', true)`);
    let counters = zeroCounters();
    const errors = [];
    if (prefetched.length && customers) {
      const c = await applyPulled(tx, customers.env, prefetched);
      counters = addCounters(counters, c.counters);
      errors.push(...c.errors);
    }
    const res = await applyPulled(tx, env, records, { premapped, whileWriting });
    counters = addCounters(counters, res.counters);
    errors.push(...res.errors);
    const progressed = recordProgress(tx, ctx, run.id, counters, errors, { processed: records.length, total });
    if (only) {
      await progressed;
      return counters.created + counters.updated;
    }
    const cursor: PullState = done ? { done: true, hwm, watermark } : { provider: next, hwm, watermark, page: (state.page ?? 0) + 1 };
    // The provider's clock at the first page where it tells one (a change during the run is then
    // seen again next time, never missed), else the newest change seen.
    const end = watermark ?? hwm;
    const modifiedSince = done && end > 0 ? new Date(end) : (cp?.modifiedSince ?? null);
    // Sent right behind the progress update (pipelined), both awaited before the commit.
    await Promise.all([progressed, tx.insert(syncCheckpoints).values({
      organisationId: ctx.organisationId, connectionId: env.connectionId, entity: env.entity, runId: run.id, cursor, page: cursor.page ?? 0, modifiedSince, updatedAt: new Date(),
    }).onConflictDoUpdate({
      target: [syncCheckpoints.connectionId, syncCheckpoints.entity],
      set: { runId: run.id, cursor, page: cursor.page ?? 0, modifiedSince, updatedAt: sql`now()` },
    })]);
    return counters.created + counters.updated;
  });
  return { done: done || !!only, written };
}

export type { SyncEntity };
