import type { SyncApi, SyncEntityModule } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import { IntegrationError } from "@/lib/connections/errors";
import { providerOrThrow } from "@/lib/connections/provider";
import { getAccessToken } from "@/lib/connections/refresh";
import type { Db } from "@/lib/db/client";
import { pacerFor } from "@/lib/providers/pacer";
import { findConnectionById, type ConnectionRow } from "@/lib/db/queries/connections";
import { SYNC_ENTITIES, type SyncEntity } from "./fields";

const isModule = (m: Record<string, unknown> | undefined): m is SyncEntityModule & Record<string, unknown> =>
  !!m && typeof m.pull === "function" && typeof m.push === "function" && typeof m.fetchByIds === "function";

/** Whether a provider has sync code for an entity (its `sync/<entity>.ts`). */
export function syncModule(provider: string, entity: SyncEntity): SyncEntityModule | undefined {
  const m = providerOrThrow(provider).sync[entity];
  return isModule(m) ? m : undefined;
}

/** The entities a provider syncs. */
export function syncEntitiesOf(provider: string): SyncEntity[] {
  return SYNC_ENTITIES.filter((e) => syncModule(provider, e));
}

/** What a run needs to call the provider for one connection: the row, its modules and a SyncApi. */
export async function syncTarget(db: Db, ctx: AccessContext, connectionId: string): Promise<{ connection: ConnectionRow; api: SyncApi; module(entity: SyncEntity): SyncEntityModule }> {
  const connection = await findConnectionById(db, ctx, connectionId);
  if (!connection || connection.status === "disconnected" || connection.status === "pending") throw new IntegrationError("NOT_CONNECTED");
  const { endpoints } = providerOrThrow(connection.provider);
  const api: SyncApi = {
    endpoints,
    account: connection.externalAccountId ?? connection.id,
    // Counted in the database: every job of every process spends this account's one budget.
    pacer: pacerFor(db),
    accessToken: () => getAccessToken(db, ctx, connection.id),
  };
  return {
    connection,
    api,
    module(entity) {
      const m = syncModule(connection.provider, entity);
      if (!m) throw new IntegrationError("NOT_AVAILABLE", { providerMessage: `${connection.provider} does not sync ${entity}.` });
      return m;
    },
  };
}
