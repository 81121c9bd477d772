import type { DbOrTx } from "@/lib/db/client";
import { emitAll, type EmitInput } from "./emit";
import type { EventType } from "./catalog";

/** Events per INSERT: 5 bound values each keeps a batch far below Postgres' 65,535 parameters. */
const BATCH = 1000;

/**
 * Emits any number of events in the caller's transaction, a thousand per INSERT (a system job's
 * sweep across every organisation can change more rows than one statement can carry).
 */
export async function emitBatched(tx: DbOrTx, inputs: EmitInput<EventType>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += BATCH) ids.push(...(await emitAll(tx, inputs.slice(i, i + BATCH))));
  return ids;
}
