import { and, eq, inArray, sql } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/drizzle/schema";
import { auditAs } from "@/lib/audit";
import { jobContext } from "@/lib/auth/access";
import type { DbOrTx } from "@/lib/db/client";
import { executeRows } from "@/lib/jobs/local/rows";
import { addNotice } from "./notices";
import { disableAfterSeconds, nextDelaySeconds } from "./retry-policy";
import type { SendResult } from "./send";

/** The endpoint fields a try needs: where it went, and whom to tell when it is disabled. */
export interface TriedEndpoint {
  id: string;
  organisationId: string;
  url: string;
}

/** One finished try: the claimed delivery (its `attempts` already counts this try) and what came back. */
export interface FinishedTry {
  delivery: { id: string; organisationId: string; attempts: number };
  endpoint: TriedEndpoint;
  result: SendResult;
}

/** What a recorded try came to; `retry` says when the next try is due. */
export type TryOutcome =
  | { status: "skipped"; reason: "missing" }
  | { status: "succeeded" }
  | { status: "failed"; reason: "gone" | "schedule_spent" | "endpoint_disabled" }
  | { status: "retry"; runAt: Date; attempts: number };

/** Whether a try succeeded: a 2xx answer (3xx and everything else fail). */
export const succeeded = (r: SendResult) => r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;

/**
 * Disables an active endpoint, telling its organisation (audit log + in-app notice). Its pending
 * deliveries that no try holds fail with it: "recover" sends them again once it is resumed.
 */
export async function disableEndpoint(tx: DbOrTx, endpoint: TriedEndpoint, reason: string): Promise<boolean> {
  const changed = await tx.update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, "active")))
    .returning({ id: webhookEndpoints.id });
  if (changed.length === 0) return false;
  await tx.update(webhookDeliveries).set({ status: "failed", nextAttemptAt: null, updatedAt: new Date() })
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, "pending"),
      sql`(${webhookDeliveries.claimedUntil} is null or ${webhookDeliveries.claimedUntil} < now())`));
  await auditAs(tx, jobContext(endpoint.organisationId, "outbound.deliver"), {
    action: "webhook_endpoint.disabled", details: { endpointId: endpoint.id, url: endpoint.url, reason },
  });
  await addNotice(tx, endpoint.organisationId, {
    kind: "webhook_endpoint.disabled",
    title: "A webhook endpoint was disabled",
    body: `Deliveries to ${endpoint.url} stopped: ${reason} Fix the receiver, then resume the endpoint and recover the failed deliveries.`,
    link: `/webhooks/endpoints/${endpoint.id}`,
  });
  return true;
}

/**
 * Records finished tries with a fixed number of statements whatever their count: the endpoints'
 * failure runs (a success ends one; a failure starts one, and an endpoint failing for 5 days —
 * HUB_OUTBOUND_DISABLE_AFTER_SECONDS — is disabled), then ONE statement writing every attempt row
 * and each delivery's new state: 2xx succeeds, 410 disables the endpoint, anything else is due
 * again on the retry schedule until it is spent. A delivery deleted meanwhile (with its endpoint)
 * gets no attempt row. Pass a transaction when the tries include failures (the endpoint writes
 * and the final statement must commit together); a batch of successes is one statement.
 * Returns each try's outcome, in order.
 */
export async function recordTries(tx: DbOrTx, tries: FinishedTry[]): Promise<TryOutcome[]> {
  if (tries.length === 0) return [];
  const endpoints = new Map(tries.map((t) => [t.endpoint.id, t.endpoint]));
  const okIds = [...new Set(tries.filter((t) => succeeded(t.result)).map((t) => t.endpoint.id))];
  const gone = new Set(tries.filter((t) => t.result.statusCode === 410).map((t) => t.endpoint.id));
  // A success in this batch ends the endpoint's failure run; the others' failures start or extend one.
  const failIds = [...new Set(tries.filter((t) => !succeeded(t.result) && (gone.has(t.endpoint.id) || !okIds.includes(t.endpoint.id))).map((t) => t.endpoint.id))];
  const disabled = new Set<string>();
  if (failIds.length > 0) {
    const marked = await tx.update(webhookEndpoints).set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` })
      .where(inArray(webhookEndpoints.id, failIds))
      .returning({ id: webhookEndpoints.id, status: webhookEndpoints.status, failingFor: sql<number>`extract(epoch from now() - ${webhookEndpoints.failingSince})::float8` });
    const limit = disableAfterSeconds();
    const days = Math.round(limit / 86400);
    const span = days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : `${Math.round(limit)} s`;
    // Per endpoint, not per delivery, and only when one is disabled (rare): each gets its own audit entry and notice.
    for (const m of marked) {
      if (m.status === "disabled") disabled.add(m.id);
      else if (gone.has(m.id)) {
        if (await disableEndpoint(tx, endpoints.get(m.id)!, "it answered 410 Gone.")) disabled.add(m.id);
      } else if (Number(m.failingFor) >= limit) {
        if (await disableEndpoint(tx, endpoints.get(m.id)!, `it has failed every delivery for ${span}.`)) disabled.add(m.id);
      }
    }
  }
  const outcomes = tries.map(({ delivery, endpoint, result }): TryOutcome => {
    if (succeeded(result)) return { status: "succeeded" };
    if (result.statusCode === 410) return { status: "failed", reason: "gone" };
    const delay = nextDelaySeconds(delivery.attempts, { retryAfterSeconds: result.retryAfterSeconds });
    if (delay === null) return { status: "failed", reason: "schedule_spent" };
    if (disabled.has(endpoint.id)) return { status: "failed", reason: "endpoint_disabled" };
    return { status: "retry", runAt: new Date(Date.now() + delay * 1000), attempts: delivery.attempts };
  });
  const rows = tries.map(({ delivery, endpoint, result }, i) => {
    const o = outcomes[i]!;
    return sql`(${delivery.id}, ${o.status === "retry" ? "pending" : o.status}, ${o.status === "retry" ? o.runAt.toISOString() : null}::timestamptz,
      ${crypto.randomUUID()}, ${delivery.organisationId}, ${endpoint.id}, ${delivery.attempts}::int, ${result.statusCode}::int, ${result.durationMs}::int,
      ${result.responseBody}, ${result.error}, ${succeeded(result)}::boolean)`;
  });
  const written = await executeRows<{ id: string }>(tx, sql`
    with v (id, status, next_at, attempt_id, organisation_id, endpoint_id, attempt, status_code, duration_ms, response_body, error, succeeded) as (
      values ${sql.join(rows, sql`, `)}
    ), settled as (
      update ${webhookDeliveries} d set status = v.status, next_attempt_at = v.next_at, claimed_until = null, updated_at = now()
      from v where d.id = v.id
      returning d.id
    ), logged as (
      insert into ${webhookAttempts} (id, organisation_id, endpoint_id, delivery_id, attempt, status_code, duration_ms, response_body, error, succeeded)
      select v.attempt_id, v.organisation_id, v.endpoint_id, v.id, v.attempt, v.status_code, v.duration_ms, v.response_body, v.error, v.succeeded
      from v join settled on settled.id = v.id
    ), cleared as (
      update ${webhookEndpoints} set failing_since = null
      where id in (select endpoint_id from v where succeeded) and failing_since is not null
    )
    select id from settled`);
  const alive = new Set(written.map((r) => r.id));
  return tries.map((t, i) => (alive.has(t.delivery.id) ? outcomes[i]! : { status: "skipped", reason: "missing" }));
}
