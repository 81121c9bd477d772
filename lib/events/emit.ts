import { outboxEvents } from "@/drizzle/schema";
import { bulkInsert } from "@/lib/db/bulk";
import type { DbOrTx } from "@/lib/db/client";
import { eventCatalog, type EventPayload, type EventType } from "./catalog";

/** What a domain write says happened. */
export interface EmitInput<T extends EventType> {
  type: T;
  aggregateType: string;
  aggregateId: string;
  organisationId: string;
  payload: EventPayload<T>;
}

/**
 * Records a domain event in the caller's transaction (the outbox): it exists exactly when the
 * change commits, and the relay delivers it afterwards. Pass the transaction of the change, never
 * the bare database, or the event could outlive a rolled-back change. Returns the event id.
 */
export async function emit<T extends EventType>(tx: DbOrTx, input: EmitInput<T>): Promise<string> {
  const entry = eventCatalog[input.type];
  if (!entry) throw new Error(`Unknown event type "${String(input.type)}": add it to lib/events/catalog.ts`);
  const payload = entry.payload.parse(input.payload);
  const [row] = await tx
    .insert(outboxEvents)
    .values({ type: input.type, aggregateType: input.aggregateType, aggregateId: input.aggregateId, organisationId: input.organisationId, payload })
    .returning({ id: outboxEvents.id });
  return row!.id;
}

/** Several events of one change in one INSERT (e.g. payment.received + invoice.paid), in order. */
export async function emitAll(tx: DbOrTx, inputs: EmitInput<EventType>[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map((i) => {
    const entry = eventCatalog[i.type];
    if (!entry) throw new Error(`Unknown event type "${String(i.type)}": add it to lib/events/catalog.ts`);
    return { id: crypto.randomUUID(), type: i.type, aggregateType: i.aggregateType, aggregateId: i.aggregateId, organisationId: i.organisationId, payload: entry.payload.parse(i.payload) };
  });
  // One parameter for the whole batch (a sync page emits a thousand events at once); the ids are
  // made here, so nothing (a thousand payloads) needs to come back.
  await bulkInsert(tx, outboxEvents, values);
  return values.map((v) => v.id);
}
