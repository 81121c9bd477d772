import type { Db, DbOrTx } from "@/lib/db/client";
import { wrapPayload } from "./keys";
import { inngestConfigured, jobEventName } from "./names";
import type { JobDefinition } from "./types";

/** Options of enqueue(). */
export interface EnqueueOptions {
  /** Not before this time. */
  runAt?: Date;
  /**
   * Dedupe key, one meaning under both drivers: at most one job with this key waiting, retrying
   * or running; an enqueue meanwhile is dropped. Local: pg-boss `exclusive` queue on the key
   * (the result's id is null when dropped). Inngest: `singleton: {key, mode: "skip"}`.
   */
  key?: string;
  /** The database (default: the process-wide one); the local driver's pg-boss lives in it. */
  db?: Db;
  /**
   * Local driver: send inside this transaction, so the job exists exactly when the change commits.
   * Under Inngest a send cannot join a transaction, so enqueue refuses `tx` there rather than send
   * before the commit: emit a domain event in the transaction instead (lib/events); the outbox
   * relay delivers it after the commit and its consumer does the work.
   */
  tx?: DbOrTx;
}

/** Where the job went; `id` is the pg-boss job (null when a job with the same key is pending). */
export type EnqueueResult = { driver: "inngest" } | { driver: "local"; id: string | null };

/**
 * enqueue() for a job definition in hand rather than a name: it needs no registry lookup, so a
 * module that the registry imports (a job's own module) can enqueue its job without an import
 * cycle. Same contract as enqueue().
 */
export async function enqueueJob(job: JobDefinition, payload: unknown = {}, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  if (opts.tx && inngestConfigured()) {
    throw new Error(`enqueue("${job.name}", …, { tx }) under Inngest would send before the transaction commits: emit a domain event in the transaction instead (lib/events).`);
  }
  const data = job.schema.parse(payload);
  if (inngestConfigured()) {
    const { inngest } = await import("@/inngest/client");
    // Without a key a unique one, so the function's singleton key never groups unrelated runs.
    await inngest.send({
      name: jobEventName(job.name),
      data: wrapPayload(job, data, opts.key ?? (job.ordered ? undefined : `~${crypto.randomUUID()}`)),
      // A future timestamp makes Inngest start the run at that time.
      ...(opts.runAt ? { ts: opts.runAt.getTime() } : {}),
    });
    return { driver: "inngest" };
  }
  const db = opts.db ?? (await (await import("@/lib/db/client")).getDb());
  const [{ getBoss }, { sendLocal }] = await Promise.all([import("./local/boss"), import("./local/send")]);
  const id = await sendLocal(await getBoss(db), job, data, { key: opts.key, runAt: opts.runAt, tx: opts.tx });
  return { driver: "local", id };
}
