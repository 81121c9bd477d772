import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { connections, syncRuns } from "@/drizzle/schema";
import { jobContext } from "@/lib/auth/access";
import type { Db, DbOrTx } from "@/lib/db/client";
import { registerConsumer, type EventConsumer } from "@/lib/events/consumers";
import { defineJob, defineSchedule } from "@/lib/jobs/define";
import { SYNC_ENTITIES, type SyncEntity } from "./fields";
import { syncEntitiesOf } from "./provider";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { requestRun } from "./request";
import { syncRunJob } from "./run-job";
import { getEntitySettings } from "./settings";

const STALE_QUEUED_MS = 10 * 60_000;
const SCHEDULE_MS = { hourly: 3600_000, daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/** Connections (of every organisation) of providers that sync, live. */
async function syncableConnections(db: DbOrTx) {
  const rows = await db.select().from(connections).where(eq(connections.status, "connected")).limit(5000);
  return rows.filter((c) => syncEntitiesOf(c.provider).length > 0);
}

/**
 * The scheduled sweep: starts a run for every connection with an entity whose schedule is due
 * (hourly, daily, weekly since its last run), and a push run wherever local changes wait — the
 * safety net behind the push that local changes trigger.
 */
export async function sweep(db: Db, now = Date.now()): Promise<{ started: number }> {
  let started = 0;
  // A run whose job was lost (sent after its commit under Inngest, and the send failed) is sent again.
  const stale = await db.select().from(syncRuns).where(and(eq(syncRuns.status, "queued"), lt(syncRuns.createdAt, new Date(now - STALE_QUEUED_MS)))).limit(500);
  for (const r of stale) await enqueueJob(syncRunJob, { organisationId: r.organisationId, connectionId: r.connectionId, runId: r.id }, { db });
  for (const c of await syncableConnections(db)) {
    const ctx = jobContext(c.organisationId, "sync.sweep");
    const [last] = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, c.id), inArray(syncRuns.direction, ["both", "pull"])))
      .orderBy(desc(syncRuns.createdAt)).limit(1);
    let due = false;
    let pushes = false;
    for (const entity of syncEntitiesOf(c.provider)) {
      const s = await getEntitySettings(db, ctx, c.id, entity);
      if (!s.enabled) continue;
      if (s.direction !== "pull") pushes = true;
      const period = s.schedule in SCHEDULE_MS ? SCHEDULE_MS[s.schedule as keyof typeof SCHEDULE_MS] : undefined;
      if (period && (!last || now - last.createdAt.getTime() >= period)) due = true;
    }
    if (due) started += (await requestRun(db, ctx, c.id, { direction: "both" })).joined ? 0 : 1;
    else if (pushes) started += (await requestRun(db, ctx, c.id, { direction: "push" })).joined ? 0 : 1;
  }
  return { started };
}

export const syncSweepJob = defineJob({
  name: "sync.sweep",
  schema: z.object({}),
  maxAttempts: 2,
  async run(_p, { db, step }) {
    return step("sweep", () => sweep(db));
  },
});

export const syncSweepSchedule = defineSchedule({ name: "sync.sweep.every-15-minutes", job: syncSweepJob.name, everySeconds: 15 * 60, cron: "*/15 * * * *" });

const ENTITY_OF_EVENT: Record<string, SyncEntity> = {
  "customer.created": "customers", "customer.updated": "customers",
  "invoice.created": "invoices", "invoice.updated": "invoices", "invoice.sent": "invoices", "invoice.cancelled": "invoices", "invoice.paid": "invoices",
  "payment.received": "payments",
};

/**
 * Push trigger: a local customer, invoice or payment change starts (or joins) a push run on every
 * connection of the organisation that pushes that entity. The run row and its job are written in
 * the consumer's transaction.
 */
export const pushTrigger: EventConsumer = {
  name: "sync.push-trigger",
  types: Object.keys(ENTITY_OF_EVENT) as EventConsumer["types"],
  // A trigger delivered twice requests the push run again: it joins the queued or running one (or
  // starts one that finds nothing more to push), so no consumption row is needed to keep it single.
  idempotent: true,
  async handle(event, ctx) {
    await triggerPushes([event], ctx);
  },
  // A batch starts (or joins) one run per connection and entity, whatever the number of events.
  async handleBatch(events, ctx) {
    await triggerPushes(events, ctx);
  },
};

async function triggerPushes(events: Parameters<EventConsumer["handle"]>[0][], { tx, db }: Parameters<EventConsumer["handle"]>[1]) {
  const byOrganisation = new Map<string, Set<SyncEntity>>();
  for (const event of events) {
    const entity = ENTITY_OF_EVENT[event.type];
    if (!entity || !SYNC_ENTITIES.includes(entity)) continue;
    const set = byOrganisation.get(event.organisationId) ?? new Set<SyncEntity>();
    byOrganisation.set(event.organisationId, set.add(entity));
  }
  for (const [organisationId, entities] of byOrganisation) {
    const ctx = jobContext(organisationId, "sync.push-trigger");
    const rows = await tx.select().from(connections).where(and(eq(connections.organisationId, organisationId), eq(connections.status, "connected")));
    for (const entity of entities) {
      for (const c of rows.filter((r) => syncEntitiesOf(r.provider).includes(entity))) {
        const s = await getEntitySettings(tx, ctx, c.id, entity);
        if (!s.enabled || s.direction === "pull") continue;
        await requestRun(db, ctx, c.id, { direction: "push", entity }, tx);
      }
    }
  }
}
registerConsumer(pushTrigger);
