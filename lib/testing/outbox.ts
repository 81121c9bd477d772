import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { outboxEvents } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

/** Test helper: the outbox events of one aggregate, oldest first, as `{ type, payload }`. */
export async function eventsOf(db: DbOrTx, aggregateId: string) {
  return db
    .select({ type: outboxEvents.type, payload: outboxEvents.payload })
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, aggregateId))
    .orderBy(asc(outboxEvents.seq));
}

/**
 * Test helper: runs `change` in a transaction that is then rolled back, and proves the outbox
 * holds exactly what it held before (the change's event went with it).
 */
export async function expectRolledBackWithoutEvents(db: DbOrTx, change: (tx: DbOrTx) => Promise<unknown>) {
  const before = await db.$count(outboxEvents);
  let inside = 0;
  await expect(db.transaction(async (tx) => {
    await change(tx);
    inside = await tx.$count(outboxEvents);
    throw new Error("roll the change back");
  })).rejects.toThrow("roll the change back");
  // The change did write its event inside the transaction…
  expect(inside).toBeGreaterThan(before);
  // …and the rollback took it away.
  expect(await db.$count(outboxEvents)).toBe(before);
}
