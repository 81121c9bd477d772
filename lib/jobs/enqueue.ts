import type { DbOrTx } from "@/lib/db/client";
import { DEFAULT_MAX_ATTEMPTS } from "./define";
import { inngestConfigured, jobEventName } from "./names";
import { insertJobRow } from "./store";

/** Options of enqueue(). */
export interface EnqueueOptions {
  /** Not before this time. */
  runAt?: Date;
  /**
   * Deduplication key. Local runner: no second copy while one is pending or running. Inngest:
   * the event id, which Inngest deduplicates for 24 hours.
   */
  key?: string;
  /**
   * Database or open transaction for the local driver: pass the transaction of the change that
   * causes the job, so the job exists exactly when the change commits.
   */
  db?: DbOrTx;
}

/** Where the job went; `id` is the jobs row (null when a pending copy already existed). */
export type EnqueueResult = { driver: "inngest" } | { driver: "local"; id: string | null };

/**
 * Schedules a registered job. The payload is validated with the job's schema here, so a bad
 * payload fails at the caller and not later in a worker.
 */
export async function enqueue(name: string, payload: unknown = {}, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  // Imported lazily: job modules may import enqueue, and the registry imports job modules.
  const { findJob } = await import("./registry");
  const job = findJob(name);
  if (!job) throw new Error(`Unknown job "${name}": add it to lib/jobs/registry.ts`);
  const data = job.schema.parse(payload);
  if (inngestConfigured()) {
    const { inngest } = await import("@/inngest/client");
    await inngest.send({
      name: jobEventName(name),
      data: data as Record<string, unknown>,
      ...(opts.key ? { id: opts.key } : {}),
      // A future timestamp makes Inngest start the run at that time.
      ...(opts.runAt ? { ts: opts.runAt.getTime() } : {}),
    });
    return { driver: "inngest" };
  }
  const db = opts.db ?? (await (await import("@/lib/db/client")).getDb());
  const id = await insertJobRow(db, {
    name,
    payload: data,
    key: opts.key,
    runAt: opts.runAt,
    maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
  return { driver: "local", id };
}
