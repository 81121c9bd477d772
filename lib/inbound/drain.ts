import { and, eq, inArray, lte, min, sql } from "drizzle-orm";
import { inboundEvents } from "@/drizzle/schema";
import type { Db } from "@/lib/db/client";
import { isRetryable } from "@/lib/jobs/define";
import { inngestConfigured } from "@/lib/jobs/names";
import { log } from "@/lib/log";
import { PROCESS_MAX_ATTEMPTS } from "./names";
import { processEvent, recordFailure } from "./process";

/** Events one claim takes. */
const BATCH = 50;
/** How long a claim holds its events before another drain may take them (a drain that died). */
const LEASE_SECONDS = 120;
/** Longest sleep of a process's drainer before it looks again (the schedule covers other processes). */
const MAX_SLEEP_MS = 60_000;

/** Seconds before the next try after `failures` failed ones: 2, 4, 8 … (pg-boss's backoff, as before). */
export const retryDelaySeconds = (failures: number) => Math.min(300, 2 ** failures);

type Claimed = { id: string; organisationId: string; retries: number };

/**
 * Deliveries come first. Providers give a receiver 3–10 s and retry (or disable the endpoint)
 * when it is late; processing has no deadline. So while this process's receiver is saturated —
 * RECEIVER_SATURATED deliveries or more in flight at once, a burst, not steady traffic — a drain
 * waits before each batch, at most MAX_YIELD_MS, so even a flood slows processing but never
 * stops it. Steady traffic (a few in flight) is processed as it comes.
 */
const RECEIVER_SATURATED = 8;
const MAX_YIELD_MS = 2_000;
const gBusy = globalThis as typeof globalThis & { __hubInboundInFlight?: number };

/**
 * Counts a delivery in flight at the receiver while `fn` runs (kept on globalThis: the Node
 * receiver's bundle and Next's share it).
 */
export async function receiving<T>(fn: () => Promise<T>): Promise<T> {
  gBusy.__hubInboundInFlight = (gBusy.__hubInboundInFlight ?? 0) + 1;
  try {
    return await fn();
  } finally {
    gBusy.__hubInboundInFlight -= 1;
  }
}

async function yieldToReceiver(): Promise<void> {
  const until = Date.now() + MAX_YIELD_MS;
  while (Date.now() < until && (gBusy.__hubInboundInFlight ?? 0) >= RECEIVER_SATURATED) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Claims up to `limit` due `received` events for this drain: their next_attempt_at moves a lease
 * ahead, so another drain (this process or another) skips them; SKIP LOCKED keeps concurrent
 * claims from waiting on each other. Across organisations, like the job queue it replaces: each
 * event is then processed under its own organisation's access context (processEvent).
 */
async function claimDue(db: Db, limit: number): Promise<Claimed[]> {
  const due = db.select({ id: inboundEvents.id }).from(inboundEvents)
    .where(and(eq(inboundEvents.status, "received"), lte(inboundEvents.nextAttemptAt, sql`now()`)))
    .orderBy(inboundEvents.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db.update(inboundEvents)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(inArray(inboundEvents.id, due))
    .returning({ id: inboundEvents.id, organisationId: inboundEvents.organisationId, retries: inboundEvents.retries });
}

/**
 * Processes every due event, a claimed batch at a time, each in its own transaction (a failing
 * event never rolls back another). A failure is recorded with its backoff, or ends the event
 * `failed` after PROCESS_MAX_ATTEMPTS tries or an error that cannot heal. Returns how many
 * events it tried. Exactly once holds whatever races it: processEvent locks the row and skips an
 * event already processed. Before each batch it yields to a busy receiver (yieldToReceiver).
 */
export async function drainInbound(db: Db): Promise<number> {
  let tried = 0;
  for (;;) {
    await yieldToReceiver();
    const batch = await claimDue(db, BATCH);
    for (const ref of batch) {
      try {
        await processEvent(db, ref);
      } catch (err) {
        const failures = ref.retries + 1;
        const final = failures >= PROCESS_MAX_ATTEMPTS || !isRetryable({}, err);
        await recordFailure(db, ref, err, final, retryDelaySeconds(failures));
      }
    }
    tried += batch.length;
    if (batch.length < BATCH) return tried;
  }
}

/** When the earliest `received` event comes due (a retry's backoff, another drain's lease). */
async function nextDue(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: min(inboundEvents.nextAttemptAt) }).from(inboundEvents).where(eq(inboundEvents.status, "received"));
  return row?.at ?? null;
}

type Drainer = { running: boolean; again: boolean; timer?: ReturnType<typeof setTimeout> };
const g = globalThis as typeof globalThis & { __hubInboundDrainers?: WeakMap<Db, Drainer>; __hubWakeDrain?: (db: Db) => void };
const drainers = (g.__hubInboundDrainers ??= new WeakMap());

/**
 * Makes this copy of the drainer the one every wake-up in the process runs. A Node host serves
 * webhooks from server/main.ts's bundle and everything else from Next's: two copies of this
 * module in one process. The copy that started the job workers (instrumentation.ts) adopts the
 * drain, so events are processed by the same code, queue and job registry as the schedule's.
 */
export function adoptInboundDrain(): void {
  g.__hubWakeDrain = wakeDrainHere;
}

/** Wakes the process's drainer (the adopted copy's, else this one's); see wakeDrainHere. */
export function wakeDrain(db: Db): void {
  (g.__hubWakeDrain ?? wakeDrainHere)(db);
}

/**
 * Wakes this process's drainer after events were stored or replayed (embedded driver): no
 * database round trip and no job row per delivery. One drain runs at a time per process; a
 * wake-up during a run makes it look again, so no event waits for the schedule. After a run it
 * sleeps until the earliest retry comes due. The `inbound.drain` schedule runs the same drain
 * every minute in any process with workers: the safety net for a process that died holding a
 * lease or stored events and stopped. Under Inngest, processing is one job per event instead.
 */
function wakeDrainHere(db: Db): void {
  if (inngestConfigured()) return;
  let d = drainers.get(db);
  if (!d) drainers.set(db, (d = { running: false, again: false }));
  if (d.running) {
    d.again = true;
    return;
  }
  const drainer = d;
  drainer.running = true;
  clearTimeout(drainer.timer);
  void (async () => {
    do {
      drainer.again = false;
      await drainInbound(db);
    } while (drainer.again);
    const at = await nextDue(db);
    if (at) {
      drainer.timer = setTimeout(() => wakeDrainHere(db), Math.min(MAX_SLEEP_MS, Math.max(50, at.getTime() - Date.now())));
      drainer.timer.unref?.();
    }
  })()
    .catch((err: unknown) => log.warn("[inbound] drain stopped; the schedule takes it up again", String(err)))
    .finally(() => {
      drainer.running = false;
      if (drainer.again) wakeDrainHere(db);
    });
}
