import { randomUUID } from "node:crypto";
import type { Manifest } from "@/integrations";
import { requireActorRole, type AccessContext } from "@/lib/auth/access";
import { auditManyAs } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { deletePendingConnections, insertConnections, listConnectionRows, type ConnectionPatch, type ConnectionRow } from "@/lib/db/queries/connections";
import { openPending, sealCredentials } from "./credentials";
import { IntegrationError } from "./errors";
import { connectableProvider } from "./provider";
import { saveConnections } from "./store";
import { toConnectionView, type ConnectionView } from "./view";

/**
 * Keeps an authorisation that reaches several accounts (Xero tenants) as one `pending` row until
 * the user chooses; an older unfinished choice of the same provider is dropped. Never the default.
 */
export async function savePending(db: Db, ctx: AccessContext, manifest: Pick<Manifest, "id">, build: (id: string) => ConnectionPatch & { authMode: string }): Promise<ConnectionRow> {
  return db.transaction(async (tx) => {
    await deletePendingConnections(tx, ctx, manifest.id);
    const id = randomUUID();
    const [row] = await insertConnections(tx, ctx, [{ id, provider: manifest.id, ...build(id), status: "pending", isDefault: false }]);
    return row!;
  });
}

async function latestPending(db: Db, ctx: AccessContext, provider: string) {
  const rows = (await listConnectionRows(db, ctx, { provider })).filter((r) => r.status === "pending" && r.credentials);
  const row = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const pending = row ? openPending(row.id, row.credentials!) : undefined;
  if (!row || !pending) throw new IntegrationError("NOT_CONNECTED");
  return { row, pending };
}

/** An account a pending authorisation can connect; `connected` when this organisation already has it. */
export interface PendingAccount {
  id: string;
  name: string;
  connected: boolean;
}

/** The accounts the pending authorisation can connect (for the choose-tenant page). */
export async function pendingAccounts(db: Db, ctx: AccessContext, providerId: string): Promise<PendingAccount[]> {
  const { pending } = await latestPending(db, ctx, providerId);
  const live = new Set((await listConnectionRows(db, ctx, { provider: providerId })).filter((r) => r.status !== "pending").map((r) => r.externalAccountId));
  return pending.accounts.map((a) => ({ id: a.id, name: a.name, connected: live.has(a.id) }));
}

/**
 * Connects the chosen accounts of a pending authorisation, each as its own connection sharing the
 * one grant (an account already connected here is reconnected with the new grant). The pending
 * row is removed in the same transaction.
 */
export async function chooseAccounts(db: Db, ctx: AccessContext, providerId: string, accountIds: string[]): Promise<ConnectionView[]> {
  requireActorRole(ctx, "admin");
  const { manifest } = connectableProvider(providerId);
  const { row, pending } = await latestPending(db, ctx, manifest.id);
  const chosen = [...new Set(accountIds)].map((id) => pending.accounts.find((a) => a.id === id));
  if (chosen.length === 0 || chosen.some((a) => !a)) {
    throw new IntegrationError("INVALID_INPUT", { providerMessage: "Choose one or more of the listed organisations." });
  }
  const saved = await saveConnections(db, ctx, manifest, chosen.map((account) => ({
    accountId: account!.id,
    build: (id: string) => ({
      authMode: row.authMode,
      status: "connected" as const,
      credentials: sealCredentials(id, pending.credentials),
      externalAccountId: account!.id,
      externalAccountName: account!.name,
      grantId: row.id,
      scopes: row.scopes,
      expiresAt: row.expiresAt,
      refreshFailures: 0,
      lastError: null,
      lastErrorAt: null,
      // The callback's tenant discovery proved the grant when the pending row was written.
      lastHealthCheckAt: row.updatedAt,
      lastHealthOk: 1,
      connectedBy: row.connectedBy,
    }),
  })), (tx) => deletePendingConnections(tx, ctx, manifest.id, [row.id]));
  await auditManyAs(db, ctx, saved.map((s) => ({ action: "connection.connected" as const, provider: manifest.id, connectionId: s.id, details: { account: s.externalAccountName } })));
  return saved.map(toConnectionView);
}
