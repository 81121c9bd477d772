import { and, eq, inArray, sql } from "drizzle-orm";
import { connections, inboundEndpoints, inboundEvents } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

/** A connection a delivery may belong to, with what verifying it needs. */
export type Candidate = {
  id: string;
  organisationId: string;
  provider: string;
  externalAccountId: string | null;
  credentials: string | null;
  signingSecret: string | null;
};

// Connections that still receive: a disconnected or half-made (pending) one does not.
const LIVE = ["connected", "needs_reauth", "error"] as const;
/** Most connections one delivery is offered to (a provider account connected in several organisations). */
export const MAX_CANDIDATES = 100;

const candidateColumns = {
  id: connections.id,
  organisationId: connections.organisationId,
  provider: connections.provider,
  externalAccountId: connections.externalAccountId,
  credentials: connections.credentials,
  signingSecret: inboundEndpoints.signingSecret,
};

/**
 * The live connections of `provider` for the account ids a delivery names, across organisations
 * (a webhook names no organisation: the account id is what it carries). Without account ids
 * (Stripe without Connect, PayPal), every live connection of the provider, each then verified
 * with its own secret or the environment's.
 */
export async function findCandidates(db: DbOrTx, provider: string, accountIds: string[]): Promise<Candidate[]> {
  const live = and(eq(connections.provider, provider), inArray(connections.status, [...LIVE]));
  return db
    .select(candidateColumns)
    .from(connections)
    .leftJoin(inboundEndpoints, eq(inboundEndpoints.connectionId, connections.id))
    .where(accountIds.length ? and(live, inArray(connections.externalAccountId, accountIds.slice(0, MAX_CANDIDATES))) : live)
    .orderBy(connections.createdAt)
    .limit(MAX_CANDIDATES);
}

/** The live connection whose URL token hashes to `tokenHash`. */
export async function findByToken(db: DbOrTx, provider: string, tokenHash: string): Promise<Candidate | undefined> {
  const [row] = await db
    .select(candidateColumns)
    .from(inboundEndpoints)
    .innerJoin(connections, eq(inboundEndpoints.connectionId, connections.id))
    .where(and(eq(inboundEndpoints.tokenHash, tokenHash), eq(connections.provider, provider), inArray(connections.status, [...LIVE])))
    .limit(1);
  return row;
}

/** Counts one refused delivery on each connection (one upsert for all of them). */
export async function countRejected(db: DbOrTx, targets: { id: string; organisationId: string }[]): Promise<void> {
  if (!targets.length) return;
  const now = new Date();
  await db
    .insert(inboundEndpoints)
    .values(targets.map((t) => ({ connectionId: t.id, organisationId: t.organisationId, rejectedCount: 1, lastRejectedAt: now })))
    .onConflictDoUpdate({
      target: inboundEndpoints.connectionId,
      set: { rejectedCount: sql`${inboundEndpoints.rejectedCount} + 1`, lastRejectedAt: now },
    });
}

export type NewInboundEvent = typeof inboundEvents.$inferInsert;

const ph = (name: string) => sql.placeholder(name);

/**
 * The one-row insert every delivery to a single connection makes, prepared once per database:
 * drizzle then neither rebuilds its SQL nor re-maps its columns per delivery (half the receiver's
 * own CPU before), and Postgres reuses the plan. The id is given (a default function would run
 * once, at preparation).
 */
function prepareInsertOne(db: DbOrTx) {
  return db
    .insert(inboundEvents)
    .values({
      id: ph("id"), organisationId: ph("organisationId"), connectionId: ph("connectionId"), provider: ph("provider"),
      eventId: ph("eventId"), type: ph("type"), headers: ph("headers"), body: ph("body"), receivedAt: ph("receivedAt"),
    })
    .onConflictDoNothing({ target: [inboundEvents.provider, inboundEvents.connectionId, inboundEvents.eventId] })
    .returning({ id: inboundEvents.id, organisationId: inboundEvents.organisationId })
    .prepare("inbound_insert_one");
}
type InsertOne = ReturnType<typeof prepareInsertOne>;
const prepared = new WeakMap<object, InsertOne>();

/** Inserts deliveries; a (provider, connection, event id) already stored is skipped. Returns the new rows. */
export async function insertEvents(db: DbOrTx, rows: NewInboundEvent[]): Promise<{ id: string; organisationId: string }[]> {
  if (!rows.length) return [];
  if (rows.length === 1) {
    let insertOne = prepared.get(db);
    if (!insertOne) prepared.set(db, (insertOne = prepareInsertOne(db)));
    const r = rows[0]!;
    return insertOne.execute({
      id: r.id ?? crypto.randomUUID(), organisationId: r.organisationId, connectionId: r.connectionId, provider: r.provider,
      eventId: r.eventId, type: r.type, headers: r.headers ?? {}, body: r.body, receivedAt: r.receivedAt ?? new Date(),
    });
  }
  return db
    .insert(inboundEvents)
    .values(rows)
    .onConflictDoNothing({ target: [inboundEvents.provider, inboundEvents.connectionId, inboundEvents.eventId] })
    .returning({ id: inboundEvents.id, organisationId: inboundEvents.organisationId });
}
