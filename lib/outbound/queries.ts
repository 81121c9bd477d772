import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { outboxEvents, webhookAttempts, webhookDeliveries } from "@/drizzle/schema";
import type { QueryScope } from "@/lib/auth/access";
import { scoped } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import type { EndpointRow } from "./endpoints";

// Read models of the Webhooks screens: endpoint stats, the attempt log, the event log. Lists are
// keyset-paged on `seq` (an index per endpoint and per organisation), so a page costs the same
// at the millionth attempt as at the first.

/** Attempts, success rate and latency of an endpoint over a window. */
export interface EndpointStats {
  attempts: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

const emptyStats: EndpointStats = { attempts: 0, succeeded: 0, failed: 0, successRate: null, p50Ms: null, p95Ms: null };

/** 24-hour stats of several endpoints in one grouped query. */
export async function statsSince(db: DbOrTx, scope: QueryScope, endpointIds: string[], since: Date): Promise<Map<string, EndpointStats>> {
  const out = new Map<string, EndpointStats>();
  if (endpointIds.length === 0) return out;
  const rows = await db.select({
    endpointId: webhookAttempts.endpointId,
    attempts: sql<number>`count(*)::int`,
    succeeded: sql<number>`count(*) filter (where ${webhookAttempts.succeeded})::int`,
    p50: sql<number | null>`percentile_cont(0.5) within group (order by ${webhookAttempts.durationMs})`,
    p95: sql<number | null>`percentile_cont(0.95) within group (order by ${webhookAttempts.durationMs})`,
  }).from(webhookAttempts)
    .where(scoped(webhookAttempts, scope, inArray(webhookAttempts.endpointId, endpointIds), gte(webhookAttempts.createdAt, since)))
    .groupBy(webhookAttempts.endpointId);
  for (const r of rows) {
    const attempts = Number(r.attempts);
    const succeeded = Number(r.succeeded);
    out.set(r.endpointId, {
      attempts, succeeded, failed: attempts - succeeded,
      successRate: attempts ? succeeded / attempts : null,
      p50Ms: r.p50 === null ? null : Math.round(Number(r.p50)),
      p95Ms: r.p95 === null ? null : Math.round(Number(r.p95)),
    });
  }
  return out;
}

/** An endpoint as the API shows it (no secret). */
export function endpointDto(row: EndpointRow, stats24h: EndpointStats = emptyStats) {
  return {
    id: row.id, url: row.url, description: row.description, eventTypes: row.eventTypes, headers: row.headers,
    status: row.status, disabledReason: row.disabledReason, createdAt: row.createdAt.toISOString(), stats24h,
  };
}

/** Endpoint DTOs with their last 24 hours. */
export async function endpointDtos(db: DbOrTx, scope: QueryScope, rows: EndpointRow[]) {
  const stats = await statsSince(db, scope, rows.map((r) => r.id), new Date(Date.now() - 24 * 3600 * 1000));
  return rows.map((r) => endpointDto(r, stats.get(r.id)));
}

/** Hourly buckets of an endpoint's attempts over the last `hours`, oldest first, empty hours included. */
export async function endpointBuckets(db: DbOrTx, scope: QueryScope, endpointId: string, hours: number) {
  const end = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - hours * 3_600_000);
  const rows = await db.select({
    hour: sql<string>`to_char(date_trunc('hour', ${webhookAttempts.createdAt} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00.000"Z"')`,
    succeeded: sql<number>`count(*) filter (where ${webhookAttempts.succeeded})::int`,
    failed: sql<number>`count(*) filter (where not ${webhookAttempts.succeeded})::int`,
    p95: sql<number | null>`percentile_cont(0.95) within group (order by ${webhookAttempts.durationMs})`,
  }).from(webhookAttempts)
    .where(scoped(webhookAttempts, scope, eq(webhookAttempts.endpointId, endpointId), gte(webhookAttempts.createdAt, start)))
    .groupBy(sql`1`);
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  return Array.from({ length: hours }, (_, i) => {
    const at = new Date(start.getTime() + i * 3_600_000).toISOString();
    const r = byHour.get(at);
    return { start: at, succeeded: Number(r?.succeeded ?? 0), failed: Number(r?.failed ?? 0), p95Ms: r?.p95 == null ? null : Math.round(Number(r.p95)) };
  });
}

/** One page of an endpoint's attempts, newest first; `before` is the previous page's last `seq`. */
export async function listAttempts(db: DbOrTx, scope: QueryScope, endpointId: string, opts: { limit: number; before?: number; status?: "succeeded" | "failed" }) {
  const rows = await db.select({
    seq: webhookAttempts.seq, id: webhookAttempts.id, deliveryId: webhookAttempts.deliveryId,
    eventId: webhookDeliveries.eventId, eventType: webhookDeliveries.eventType, attempt: webhookAttempts.attempt,
    statusCode: webhookAttempts.statusCode, durationMs: webhookAttempts.durationMs, responseBody: webhookAttempts.responseBody,
    error: webhookAttempts.error, succeeded: webhookAttempts.succeeded, createdAt: webhookAttempts.createdAt,
  }).from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(scoped(webhookAttempts, scope,
      eq(webhookAttempts.endpointId, endpointId),
      opts.status ? eq(webhookAttempts.succeeded, opts.status === "succeeded") : undefined,
      opts.before !== undefined ? lt(webhookAttempts.seq, opts.before) : undefined))
    .orderBy(desc(webhookAttempts.seq))
    .limit(opts.limit);
  return {
    data: rows.map(({ seq: _seq, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() })),
    nextCursor: rows.length === opts.limit ? String(rows.at(-1)!.seq) : null,
  };
}

/** One page of the organisation's events, newest first, each with its deliveries counted by status. */
export async function listEvents(db: DbOrTx, scope: QueryScope, opts: { limit: number; before?: number; type?: string }) {
  const events = await db.select({ seq: outboxEvents.seq, id: outboxEvents.id, type: outboxEvents.type, createdAt: outboxEvents.createdAt })
    .from(outboxEvents)
    .where(scoped(outboxEvents, scope, opts.type ? eq(outboxEvents.type, opts.type) : undefined,
      opts.before !== undefined ? lt(outboxEvents.seq, opts.before) : undefined))
    .orderBy(desc(outboxEvents.seq))
    .limit(opts.limit);
  const counts = events.length === 0 ? [] : await db.select({
    eventId: webhookDeliveries.eventId, status: webhookDeliveries.status, n: sql<number>`count(*)::int`,
  }).from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organisationId, scope.organisationId), inArray(webhookDeliveries.eventId, events.map((e) => e.id))))
    .groupBy(webhookDeliveries.eventId, webhookDeliveries.status);
  const data = events.map((e) => {
    const mine = counts.filter((c) => c.eventId === e.id);
    const of = (s: string) => Number(mine.find((c) => c.status === s)?.n ?? 0);
    const deliveries = { succeeded: of("succeeded"), failed: of("failed"), pending: of("pending"), total: 0 };
    deliveries.total = deliveries.succeeded + deliveries.failed + deliveries.pending;
    return { id: e.id, type: e.type, createdAt: e.createdAt.toISOString(), deliveries };
  });
  return { data, nextCursor: events.length === opts.limit ? String(events.at(-1)!.seq) : null };
}
