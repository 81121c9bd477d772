import { sql } from "drizzle-orm";
import type { Job } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { isRetryable, retryAfterSecondsOf } from "../define";
import { unwrapPayload } from "../keys";
import type { JobDefinition } from "../types";
import { admit, release } from "./concurrency";
import { takeThrottleSlot } from "./throttle";

/** Thrown when a job is put back until its throttle window or concurrency key has room; it costs no attempt. */
export class PutBackError extends Error {
  constructor(readonly reason: "throttle" | "concurrency", readonly retryAfterSeconds: number) {
    super(`${reason === "throttle" ? "Throttled" : "Concurrency limit reached"}: retry in ${retryAfterSeconds} s`);
    this.name = "PutBackError";
  }
}

/**
 * Adjusts the retry of the job we hold before pg-boss fails it: `delaySeconds` exactly (no
 * backoff), `refund` gives back the attempt, `stop` makes this failure final. pg-boss reads
 * these columns of its own row when it fails the job, so one UPDATE while we hold it suffices.
 */
async function setRetry(db: Db, job: Job, change: { delaySeconds?: number; refund?: boolean; stop?: boolean }) {
  await db.execute(sql`
    update pgboss.job set
      retry_delay = coalesce(${change.delaySeconds ?? null}::int, retry_delay),
      retry_backoff = case when ${change.delaySeconds ?? null}::int is null then retry_backoff else false end,
      retry_limit = case when ${!!change.stop}::boolean then retry_count
                         when ${!!change.refund}::boolean then retry_limit + 1 else retry_limit end
    where name = ${job.name} and id = ${job.id}::uuid and state = 'active' and retry_count = ${job.retryCount}`);
}

/**
 * Runs one pg-boss job with its definition: validate, take a throttle slot, get admitted under
 * its concurrency key, run; on failure
 * honour the error's Retry-After and stop retrying what is not retryable. Throwing hands the
 * failure to pg-boss, which retries or marks the job failed.
 */
export async function runLocalJob(db: Db, def: JobDefinition, job: Job): Promise<unknown> {
  const { payload, keys } = unwrapPayload(job.data);
  let parsed: unknown;
  try {
    parsed = def.schema.parse(payload);
  } catch (err) {
    await setRetry(db, job, { stop: true });
    throw err;
  }
  if (def.throttle && keys.throttle) {
    const wait = await takeThrottleSlot(db, `${def.name}:${keys.throttle}`, def.throttle.limit, def.throttle.periodSeconds);
    if (wait > 0) {
      await setRetry(db, job, { delaySeconds: wait, refund: true });
      throw new PutBackError("throttle", wait);
    }
  }
  const limited = def.concurrency && keys.concurrency;
  if (limited && !(await admit(db, job.id, `${def.name}:${keys.concurrency}`, def.concurrency!.limit))) {
    await setRetry(db, job, { delaySeconds: 1, refund: true });
    throw new PutBackError("concurrency", 1);
  }
  try {
    return await def.run(parsed, { db, attempt: job.retryCount + 1, step: (_id, fn) => fn(), signal: job.signal });
  } catch (err) {
    if (!isRetryable(def, err)) await setRetry(db, job, { stop: true });
    else {
      const after = retryAfterSecondsOf(err);
      if (after !== undefined) await setRetry(db, job, { delaySeconds: after });
    }
    throw err;
  } finally {
    if (limited) await release(db, job.id);
  }
}
