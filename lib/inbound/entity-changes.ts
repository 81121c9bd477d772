import type { EntityChange, InboundOutcome } from "@/integrations/hook-types";
import type { AccessContext } from "@/lib/auth/access";
import type { Db, DbOrTx } from "@/lib/db/client";
import { syncProviderChanges } from "@/lib/sync/inbound-changes";

/** What the sync engine gets for one verified delivery's changed records: `db` is the processing transaction; `root` the database behind it (for the job driver). */
export type EntityChangesInput = { root: Db; db: DbOrTx; ctx: AccessContext; provider: string; connectionId: string; changes: EntityChange[] };
export type EntityChangesHook = (input: EntityChangesInput) => Promise<InboundOutcome>;

/**
 * The default: the sync engine's real-time schedule (lib/sync/inbound-changes.ts) — a pull run of
 * just the changed records where the connection syncs that entity in real time, else `ignored`
 * with the schedule that will pick the change up. Tests may install another handler.
 */
const toSync: EntityChangesHook = (input) => syncProviderChanges(input);

let hook: EntityChangesHook = toSync;

/** Xero/QuickBooks entity changes from a verified delivery → the sync engine. */
export const onProviderEntityChanges = (input: EntityChangesInput) => hook(input);

/** Installs the sync engine's handler (null restores the default). */
export function setProviderEntityChangesHook(next: EntityChangesHook | null): void {
  hook = next ?? toSync;
}
