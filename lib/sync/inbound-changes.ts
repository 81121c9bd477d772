import type { EntityChange, InboundOutcome } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isSyncEntity, type SyncEntity } from "./fields";
import { requestRun } from "./request";
import type { RunOnly } from "./runs";
import { getEntitySettings } from "./settings";

/** The provider's names for the records a webhook reports, as the engine's entities. */
const ENTITY_ALIASES: Record<string, SyncEntity | undefined> = { contacts: "customers", items: "products" } as Record<string, SyncEntity>;
const syncEntityOf = (name: string): SyncEntity | undefined => ENTITY_ALIASES[name] ?? (isSyncEntity(name) ? name : undefined);

/**
 * The "real-time" schedule: Xero/QuickBooks entity changes from a verified webhook become one
 * pull run of just those records (`only`), for the entities of this connection that pull and are
 * set to `realtime`. It runs inside the inbound event's processing transaction, so it only writes
 * the run row and enqueues its job (a run already queued or running for the connection joins).
 * Changes of entities that do not sync, or sync on another schedule, are left to their runs.
 */
export async function syncProviderChanges(input: {
  root: Db; db: DbOrTx; ctx: AccessContext; connectionId: string; changes: EntityChange[];
}): Promise<InboundOutcome> {
  const { root, db, ctx, connectionId, changes } = input;
  const wanted = new Map<SyncEntity, Set<string>>();
  for (const c of changes) {
    const entity = syncEntityOf(c.entity);
    if (!entity || !c.id) continue;
    wanted.set(entity, (wanted.get(entity) ?? new Set()).add(c.id));
  }
  if (!wanted.size) {
    const names = [...new Set(changes.map((c) => c.entity))].join(", ") || "none";
    return { status: "ignored", reason: `No synced record type among the changes (${names}).`, result: { entities: changes } };
  }
  const only: RunOnly = [];
  const elsewhere: string[] = [];
  for (const [entity, ids] of wanted) {
    const s = await getEntitySettings(db, ctx, connectionId, entity);
    if (!s.enabled || s.direction === "push") { elsewhere.push(`${entity}: sync off or push only`); continue; }
    if (s.schedule !== "realtime") { elsewhere.push(`${entity}: picked up by the ${s.schedule} run`); continue; }
    for (const externalId of ids) only.push({ entity, externalId });
  }
  if (!only.length) {
    return { status: "ignored", reason: `Not synced in real time (${elsewhere.join("; ")}).`, result: { entities: changes } };
  }
  const { runId, joined } = await requestRun(root, ctx, connectionId, { direction: "pull", mode: "incremental", only }, db);
  return { status: "processed", result: { entities: changes, syncRunId: runId, joinedRun: joined } };
}
