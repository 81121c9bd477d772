import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import { syncLookups } from "@/drizzle/schema";
import type { SyncLookupModule } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import { IntegrationError } from "@/lib/connections/errors";
import { providerOrThrow } from "@/lib/connections/provider";
import type { Db, DbOrTx } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { listValues, LOOKUP_KINDS, MappingError, type EntityMapping, type LookupKind } from "./mapping";
import { syncTarget } from "./provider";

export { LOOKUP_KINDS, type LookupKind };

function lookupModule(provider: string, kind: LookupKind): SyncLookupModule | undefined {
  const m = providerOrThrow(provider).sync[kind];
  return m && typeof m.pullLookup === "function" ? (m as SyncLookupModule) : undefined;
}

/**
 * Pulls a connection's tax rates and accounts (calls first, outside any transaction) and replaces
 * its stored lists in one transaction: one upsert per list, entries the provider no longer lists
 * removed. Returns how many of each were stored.
 */
export async function refreshLookups(db: Db, ctx: AccessContext, connectionId: string): Promise<Partial<Record<LookupKind, number>>> {
  const target = await syncTarget(db, ctx, connectionId);
  const lists: [LookupKind, Awaited<ReturnType<SyncLookupModule["pullLookup"]>>][] = [];
  for (const kind of LOOKUP_KINDS) {
    const m = lookupModule(target.connection.provider, kind);
    if (m) lists.push([kind, await m.pullLookup(target.api)]);
  }
  const now = new Date();
  await db.transaction(async (tx) => {
    for (const [kind, rows] of lists) {
      const mine = and(eq(syncLookups.connectionId, connectionId), eq(syncLookups.kind, kind), eq(syncLookups.organisationId, ctx.organisationId));
      if (!rows.length) {
        await tx.delete(syncLookups).where(mine);
        continue;
      }
      await tx.insert(syncLookups).values(rows.map((r) => ({ ...r, organisationId: ctx.organisationId, connectionId, kind, pulledAt: now })))
        .onConflictDoUpdate({
          target: [syncLookups.connectionId, syncLookups.kind, syncLookups.externalId],
          set: { code: sql`excluded.code`, name: sql`excluded.name`, detail: sql`excluded.detail`, active: sql`excluded.active`, raw: sql`excluded.raw`, pulledAt: now },
        });
      await tx.delete(syncLookups).where(and(mine, notInArray(syncLookups.externalId, rows.map((r) => r.externalId))));
    }
  });
  return Object.fromEntries(lists.map(([k, rows]) => [k, rows.length]));
}

/** A connection's stored list (of the organisation), by name; NOT_CONNECTED for another's. */
export async function listLookups(db: DbOrTx, ctx: AccessContext, connectionId: string, kind: LookupKind) {
  if (!(await findConnectionById(db, ctx, connectionId))) throw new IntegrationError("NOT_CONNECTED");
  return db.select({ externalId: syncLookups.externalId, code: syncLookups.code, name: syncLookups.name, detail: syncLookups.detail, active: syncLookups.active })
    .from(syncLookups)
    .where(and(eq(syncLookups.organisationId, ctx.organisationId), eq(syncLookups.connectionId, connectionId), eq(syncLookups.kind, kind)))
    .orderBy(asc(syncLookups.name));
}

const KIND_NAMES: Record<LookupKind, string> = { tax_rates: "tax rates", accounts: "accounts" };

/**
 * A connection's lists, pulled from the provider first when none is stored yet (a connection that
 * has not run a sync of every entity), so the editor always offers the provider's real values.
 */
export async function lookupsOf(db: Db, ctx: AccessContext, connectionId: string, kinds: readonly LookupKind[]) {
  const read = async () => new Map(await Promise.all(kinds.map(async (k) => [k, await listLookups(db, ctx, connectionId, k)] as const)));
  const lists = await read();
  if (![...lists.values()].some((l) => l.length === 0)) return lists;
  await refreshLookups(db, ctx, connectionId);
  return read();
}

/**
 * Refuses a mapping whose constant or lookup values marked with a list are not in the connection's
 * pulled list (or are archived there): MappingError with the value's path, e.g.
 * `fields.4.transform.value`, naming a few values it could take.
 */
export async function checkListValues(db: Db, ctx: AccessContext, connectionId: string, mapping: EntityMapping): Promise<void> {
  const wanted = listValues(mapping);
  if (!wanted.length) return;
  const lists = await lookupsOf(db, ctx, connectionId, [...new Set(wanted.map((v) => v.kind))]);
  for (const v of wanted) {
    const list = lists.get(v.kind) ?? [];
    if (list.some((e) => e.code === v.value && e.active)) continue;
    const some = list.filter((e) => e.active).slice(0, 8).map((e) => `${e.code} (${e.name})`).join(", ");
    throw new MappingError(v.path, `"${v.value}" is not one of the connection's pulled ${KIND_NAMES[v.kind]}${some ? `; for example ${some}` : " (none pulled)"}`);
  }
}
