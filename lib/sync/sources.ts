import { and, eq, inArray, isNull } from "drizzle-orm";
import { connections, syncLinks } from "@/drizzle/schema";
import { getManifest } from "@/integrations";
import type { DbOrTx } from "@/lib/db/client";
import type { SyncEntity } from "./fields";

/** Where a local record came from: the provider (id and name) and its page there. */
export type RecordSource = { provider: string; providerName: string; externalUrl: string | null };

/**
 * The provider source of each of a page of local records (invoices, customers), for the lists'
 * source badges: one query for the whole page, never one per row. A record linked to several
 * connections shows the first link's provider.
 */
export async function sourcesFor(db: DbOrTx, organisationId: string, entity: SyncEntity, localIds: string[]): Promise<Record<string, RecordSource>> {
  if (!localIds.length) return {};
  const rows = await db.select({ localId: syncLinks.localId, provider: connections.provider, externalUrl: syncLinks.externalUrl })
    .from(syncLinks)
    .innerJoin(connections, eq(connections.id, syncLinks.connectionId))
    .where(and(eq(syncLinks.organisationId, organisationId), eq(syncLinks.entity, entity), inArray(syncLinks.localId, localIds), isNull(syncLinks.remoteDeletedAt)))
    .orderBy(syncLinks.syncedAt);
  const out: Record<string, RecordSource> = {};
  for (const r of rows) out[r.localId] ??= { provider: r.provider, providerName: getManifest(r.provider)?.name ?? r.provider, externalUrl: r.externalUrl };
  return out;
}
