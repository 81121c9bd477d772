import { randomUUID } from "node:crypto";
import type { Manifest } from "@/integrations";
import type { AccessContext } from "@/lib/auth/access";
import type { Db, DbOrTx } from "@/lib/db/client";
import {
  findConnectionByAccount, findConnectionsByIds, findProviderConnection, insertConnections, promoteDefaultIfMissing,
  updateConnection, type ConnectionPatch, type ConnectionRow,
} from "@/lib/db/queries/connections";
import { allowsSeveralConnections } from "./account-policy";

/** One connection to save: the provider account it is for, and its values given its row id. */
export interface ConnectionToSave {
  /** The provider account (Xero tenant, Stripe account); without an id it can only be new. */
  accountId?: string | null;
  /** Builds the values; the id is known first because credentials are sealed with it as AAD. */
  build: (id: string) => ConnectionPatch & { authMode: string };
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
};

/**
 * Saves connections of one provider in one short transaction; the caller has already talked to
 * the provider, so no network call happens inside it. An account already connected in this
 * organisation is updated (reconnect); a provider that allows one connection has its row
 * replaced; anything else becomes a new connection. If the provider has no default afterwards,
 * the oldest live connection becomes it. Two connects racing for the same account: the loser's
 * insert hits the unique index and is retried as an update.
 */
export async function saveConnections(
  db: Db,
  ctx: AccessContext,
  manifest: Pick<Manifest, "id" | "authMode">,
  items: ConnectionToSave[],
  /** More writes in the same transaction (e.g. deleting the pending row the accounts came from). */
  after?: (tx: DbOrTx) => Promise<void>,
): Promise<ConnectionRow[]> {
  const several = allowsSeveralConnections(manifest);
  const attempt = () =>
    db.transaction(async (tx) => {
      const accountIds = items.map((i) => i.accountId).filter((id): id is string => Boolean(id));
      const byAccount = new Map((await findConnectionByAccount(tx, ctx, manifest.id, accountIds)).map((r) => [r.externalAccountId!, r]));
      const only = several ? undefined : await findProviderConnection(tx, ctx, manifest.id);
      const ids: string[] = [];
      const inserts: Parameters<typeof insertConnections>[2] = [];
      for (const item of items) {
        const existing = (item.accountId ? byAccount.get(item.accountId) : undefined) ?? only;
        if (existing) {
          // Reconnects are rare and per account; new connections go in one INSERT below.
          ids.push((await updateConnection(tx, ctx, existing.id, item.build(existing.id))).id);
        } else {
          const id = randomUUID();
          ids.push(id);
          inserts.push({ id, provider: manifest.id, ...item.build(id) });
        }
      }
      await insertConnections(tx, ctx, inserts);
      await promoteDefaultIfMissing(tx, ctx, manifest.id);
      await after?.(tx);
      const saved = new Map((await findConnectionsByIds(tx, ctx, ids)).map((r) => [r.id, r]));
      return ids.map((id) => saved.get(id)!);
    });
  try {
    return await attempt();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return attempt();
  }
}
