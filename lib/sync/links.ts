import { and, eq } from "drizzle-orm";
import { syncLinks } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { bulkInsert, inList } from "@/lib/db/bulk";
import type { SyncEntity } from "./fields";

export type LinkRow = typeof syncLinks.$inferSelect;
export type LinkWrite = Omit<typeof syncLinks.$inferInsert, "id" | "updatedAt">;

/** Links of one connection × entity by provider id. */
export async function linksByExternal(tx: DbOrTx, connectionId: string, entity: SyncEntity, externalIds: string[]): Promise<Map<string, LinkRow>> {
  if (!externalIds.length) return new Map();
  const rows = await tx.select().from(syncLinks)
    .where(and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity), inList(syncLinks.externalId, [...new Set(externalIds)])));
  return new Map(rows.map((r) => [r.externalId, r]));
}

/** Links of one connection × entity by local id. */
export async function linksByLocal(tx: DbOrTx, connectionId: string, entity: SyncEntity, localIds: string[]): Promise<Map<string, LinkRow>> {
  if (!localIds.length) return new Map();
  const rows = await tx.select().from(syncLinks)
    .where(and(eq(syncLinks.connectionId, connectionId), eq(syncLinks.entity, entity), inList(syncLinks.localId, [...new Set(localIds)])));
  return new Map(rows.map((r) => [r.localId, r]));
}

/** Writes links in one statement (insert, or update the row of the same provider id). */
export async function upsertLinks(tx: DbOrTx, rows: LinkWrite[]): Promise<void> {
  if (!rows.length) return;
  const now = new Date();
  await bulkInsert(tx, syncLinks, rows.map((r) => ({ ...r, updatedAt: now })), {
    target: [syncLinks.connectionId, syncLinks.entity, syncLinks.externalId],
    update: ["remoteVersion", "contentHash", "lastPushedHash", "externalUrl", "remoteDeletedAt", "syncedAt", "updatedAt"],
  });
}
