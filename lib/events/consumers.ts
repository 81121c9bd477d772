import { eq } from "drizzle-orm";
import { eventConsumptions, outboxEvents } from "@/drizzle/schema";
import { bulkInsert } from "@/lib/db/bulk";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { DomainEvent, EventType } from "./catalog";

/**
 * A handler of domain events. `handle` runs in a transaction that also records the
 * (consumer, event id) pair, so a redelivered event is skipped and the effect stays single;
 * write effects through `tx` (`db` is the database the transaction belongs to, e.g. for enqueue's
 * pg-boss in that transaction). A consumer that calls the network should record its intent
 * through `tx` and call outside it (e.g. enqueue a job keyed by the event id).
 */
export interface EventConsumer {
  /** Stable name; part of the dedupe key. */
  name: string;
  types: readonly EventType[];
  handle(event: DomainEvent, ctx: ConsumerContext): Promise<void>;
  /**
   * Optional: the effect of `handle` for many events (in outbox order) in one transaction, in a
   * few statements rather than a few per event (the embedded driver's outbox drain; a sync page
   * emits a thousand events at once). Must have the same effect as `handle` on each in turn.
   */
  handleBatch?(events: DomainEvent[], ctx: ConsumerContext): Promise<void>;
  /**
   * Optional: the events of a batch this consumer has anything to do for, asked before anything is
   * recorded (the embedded drain). The others are passed over without a consumption row: with no
   * effect there is nothing to keep single. A sync page's thousand invoice events in an
   * organisation with no webhook endpoint wrote a thousand consumption rows for nothing.
   */
  relevant?(db: Db, events: DomainEvent[]): Promise<DomainEvent[]>;
  /**
   * Its effect may be applied again without harm (it joins what is already there, as a push run
   * request joins the queued run): no consumption row is recorded, the effect simply runs each
   * time the event is delivered.
   */
  idempotent?: boolean;
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
 * commit together (an idempotent consumer: the effect only, every time). Returns whether it ran.
 */
export async function consumeOnce(db: Db, consumer: EventConsumer, event: DomainEvent): Promise<boolean> {
  const after: (() => Promise<void>)[] = [];
  const ran = await db.transaction(async (tx) => {
    if (!consumer.idempotent) {
      const claimed = await tx
        .insert(eventConsumptions)
        .values({ consumer: consumer.name, eventId: event.id })
        .onConflictDoNothing()
        .returning({ eventId: eventConsumptions.eventId });
      if (claimed.length === 0) return false;
    }
    await consumer.handle(event, { tx, db, afterCommit: (fn) => void after.push(fn) });
    return true;
  });
  for (const fn of after) {
    await fn().catch((err: unknown) => console.error(`[events] ${consumer.name}: after-commit step failed`, err));
  }
  return ran;
}

/**
 * Runs one consumer for many events in ONE transaction: the consumption rows (one INSERT; events
 * it already consumed are skipped) and the effect (`handleBatch`, else `handle` per event in
 * order) commit together. Any failure rolls back the whole batch: the caller then goes event by
 * event (consumeOnce) to keep the effects of the others. Returns how many it ran.
 */
export async function consumeMany(db: Db, consumer: EventConsumer, events: DomainEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const after: (() => Promise<void>)[] = [];
  const ran = await db.transaction(async (tx) => {
    let todo = events;
    if (!consumer.idempotent) {
      const claimed = await bulkInsert(tx, eventConsumptions, events.map((e) => ({ consumer: consumer.name, eventId: e.id })), {
        target: [eventConsumptions.consumer, eventConsumptions.eventId], returning: true,
      });
      const mine = new Set(claimed.map((c) => c.eventId));
      todo = events.filter((e) => mine.has(e.id));
    }
    if (todo.length === 0) return 0;
    const ctx: ConsumerContext = { tx, db, afterCommit: (fn) => void after.push(fn) };
    if (consumer.handleBatch) await consumer.handleBatch(todo, ctx);
    else for (const e of todo) await consumer.handle(e, ctx);
    return todo.length;
  });
  for (const fn of after) {
    await fn().catch((err: unknown) => console.error(`[events] ${consumer.name}: after-commit step failed`, err));
  }
  return ran;
}

/**
 * Delivers many events (in outbox order) to their consumers, a batch per consumer. An event that
 * fails a consumer stops its aggregate there: the later events of that aggregate are not given to
 * any further consumer (they wait for it, keeping each consumer's order per aggregate). Returns
 * the failed events (with the error) and the ones held back behind them; all others are done.
 */
export async function dispatchEvents(db: Db, events: DomainEvent[]): Promise<{ failed: Map<string, unknown>; held: Set<string> }> {
  const failed = new Map<string, unknown>();
  const position = new Map(events.map((e, i) => [e.id, i]));
  const aggregate = (e: DomainEvent) => `${e.aggregateType}:${e.aggregateId}`;
  /** Aggregate → position of its first failed event. */
  const stoppedAt = new Map<string, number>();
  const held = (e: DomainEvent) => position.get(e.id)! > (stoppedAt.get(aggregate(e)) ?? Infinity);
  for (const c of consumers.values()) {
    const typed = events.filter((e) => (c.types as readonly string[]).includes(e.type) && !held(e));
    if (typed.length === 0) continue;
    try {
      const mine = c.relevant ? await c.relevant(db, typed) : typed;
      await consumeMany(db, c, mine);
    } catch {
      // Find the failing event(s): one by one, in order; those before keep their effect.
      for (const e of typed) {
        if (held(e)) continue;
        try {
          await consumeOnce(db, c, e);
        } catch (err) {
          failed.set(e.id, err);
          if (!stoppedAt.has(aggregate(e))) stoppedAt.set(aggregate(e), position.get(e.id)!);
        }
      }
    }
  }
  // Held: after a failed event of their aggregate (earlier consumers may have run them already;
  // their consumption rows keep them from running twice when they come again).
  return { failed, held: new Set(events.filter(held).map((e) => e.id)) };
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
