import type { EntityChange, InboundOutcome } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import type { DbOrTx } from "@/lib/db/client";

/** What the sync engine gets for one verified delivery's changed records. */
export type EntityChangesInput = { db: DbOrTx; ctx: AccessContext; provider: string; connectionId: string; changes: EntityChange[] };
export type EntityChangesHook = (input: EntityChangesInput) => Promise<InboundOutcome>;

/**
 * The default: no sync engine is wired here yet, so the changed records are recorded on the
 * event (its `result.entities`) and it is marked processed, saying so. The lead wires the sync
 * engine's incremental run at merge with `setProviderEntityChangesHook` (it runs inside the
 * processing transaction, so it should enqueue work rather than call the provider).
 */
const recordOnly: EntityChangesHook = async ({ changes }) => ({
  status: "processed",
  result: { entities: changes, sync: "recorded; no sync engine is connected to inbound events yet" },
});

let hook: EntityChangesHook = recordOnly;

/** Xero/QuickBooks entity changes from a verified delivery → the sync engine (or the default above). */
export const onProviderEntityChanges = (input: EntityChangesInput) => hook(input);

/** Installs the sync engine's handler (null restores the default). */
export function setProviderEntityChangesHook(next: EntityChangesHook | null): void {
  hook = next ?? recordOnly;
}
