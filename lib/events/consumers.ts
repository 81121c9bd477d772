import { eq } from "drizzle-orm";
import { eventConsumptions, outboxEvents } from "@/drizzle/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { DomainEvent, EventType } from "./catalog";

/**
 * A handler of domain events. `handle` runs in a transaction that also records the
 * (consumer, event id) pair, so a redelivered event is skipped and the effect stays single;
 * write effects through `tx`. A consumer that calls the network should record its intent
 * through `tx` and call outside it (e.g. enqueue a job keyed by the event id).
 */
export interface EventConsumer {
  /** Stable name; part of the dedupe key. */
  name: string;
  types: readonly EventType[];
  handle(event: DomainEvent, ctx: ConsumerContext): Promise<void>;
}

/** What a consumer's `handle` gets besides the event. */
export interface ConsumerContext {
  /** The transaction the consumption row commits in: write the effect through it. */
  tx: DbOrTx;
  /** The database behind `tx`, for what must join the transaction from outside Drizzle (a pg-boss send). */
  db: Db;
  /**
   * Runs `fn` once the transaction has committed (network calls such as an Inngest send, which
   * must not happen inside it). Best effort: the effect is already recorded, so a failure here
   * is logged and must be recoverable from the committed rows.
   */
  afterCommit(fn: () => Promise<void>): void;
}

const g = globalThis as typeof globalThis & { __hubConsumers?: Map<string, EventConsumer> };
const consumers = (g.__hubConsumers ??= new Map());

/** Registers (or replaces) a consumer by name. Returns a function that removes it. */
export function registerConsumer(consumer: EventConsumer): () => void {
  consumers.set(consumer.name, consumer);
  return () => {
    if (consumers.get(consumer.name) === consumer) consumers.delete(consumer.name);
  };
}

/** The consumers of an event type. */
export const consumersOf = (type: string): EventConsumer[] =>
  [...consumers.values()].filter((c) => (c.types as readonly string[]).includes(type));

/**
 * Runs one consumer for one event unless it already has: the consumption row and the effect
 * commit together. Returns whether it ran.
 */
export async function consumeOnce(db: Db, consumer: EventConsumer, event: DomainEvent): Promise<boolean> {
  const after: (() => Promise<void>)[] = [];
  const ran = await db.transaction(async (tx) => {
    const claimed = await tx
      .insert(eventConsumptions)
      .values({ consumer: consumer.name, eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: eventConsumptions.eventId });
    if (claimed.length === 0) return false;
    await consumer.handle(event, { tx, db, afterCommit: (fn) => void after.push(fn) });
    return true;
  });
  for (const fn of after) {
    await fn().catch((err: unknown) => console.error(`[events] ${consumer.name}: after-commit step failed`, err));
  }
  return ran;
}

/** Loads an outbox event by id (null when it was deleted meanwhile). */
export async function loadEvent(db: DbOrTx, id: string): Promise<DomainEvent | null> {
  const [row] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
  if (!row) return null;
  return {
    id: row.id, type: row.type as EventType, aggregateType: row.aggregateType, aggregateId: row.aggregateId,
    organisationId: row.organisationId, payload: row.payload as DomainEvent["payload"], createdAt: row.createdAt,
  };
}

/**
 * Delivers one event to every consumer of its type, each at most once. A failing consumer
 * fails the call (so the job retries) while those that succeeded are not run again.
 */
export async function dispatchEvent(db: Db, eventId: string): Promise<{ ran: string[]; skipped: string[] }> {
  const event = await loadEvent(db, eventId);
  const ran: string[] = [];
  const skipped: string[] = [];
  if (!event) return { ran, skipped };
  for (const c of consumersOf(event.type)) {
    if (await consumeOnce(db, c, event)) ran.push(c.name);
    else skipped.push(c.name);
  }
  return { ran, skipped };
}
