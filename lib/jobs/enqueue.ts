import type { Db, DbOrTx } from "@/lib/db/client";
import { wrapPayload } from "./keys";
import { inngestConfigured, jobEventName } from "./names";

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
 * Schedules a registered job. The payload is validated with the job's schema here, so a bad
 * payload fails at the caller and not later in a worker.
 */
export async function enqueue(name: string, payload: unknown = {}, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  // Imported lazily: job modules may import enqueue, and the registry imports job modules.
  const { findJob } = await import("./registry");
  const job = findJob(name);
  if (!job) throw new Error(`Unknown job "${name}": add it to lib/jobs/registry.ts`);
  if (opts.tx && inngestConfigured()) {
    throw new Error(`enqueue("${name}", …, { tx }) under Inngest would send before the transaction commits: emit a domain event in the transaction instead (lib/events).`);
  }
  const data = job.schema.parse(payload);
  if (inngestConfigured()) {
    const { inngest } = await import("@/inngest/client");
    // Without a key a unique one, so the function's singleton key never groups unrelated runs.
    await inngest.send({
      name: jobEventName(name),
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

/**
 * Local driver: starts pg-boss and creates the job's queue now, outside any transaction. A caller
 * that will `enqueue(…, { tx })` calls it first: on PGlite the first send would otherwise create
 * the queue on another connection while the caller's transaction holds the only one. A no-op
 * under Inngest.
 */
export async function prepareEnqueue(name: string, db?: Db): Promise<void> {
  if (inngestConfigured()) return;
  const { findJob } = await import("./registry");
  const job = findJob(name);
  if (!job) throw new Error(`Unknown job "${name}": add it to lib/jobs/registry.ts`);
  const handle = db ?? (await (await import("@/lib/db/client")).getDb());
  const { getBoss, ensureQueue } = await import("./local/boss");
  await ensureQueue(await getBoss(handle), job);
}

/**
 * Schedules several jobs of one definition at once: one INSERT on the local driver (optionally in
 * `tx`, like the outbox relay), one `inngest.send` of all events under Inngest (which refuses
 * `tx`, as enqueue does). No dedupe keys: for jobs whose run is idempotent by itself.
 */
export async function enqueueMany(name: string, payloads: unknown[], opts: Pick<EnqueueOptions, "db" | "tx"> = {}): Promise<void> {
  if (payloads.length === 0) return;
  const { findJob } = await import("./registry");
  const job = findJob(name);
  if (!job) throw new Error(`Unknown job "${name}": add it to lib/jobs/registry.ts`);
  const data = payloads.map((p) => job.schema.parse(p));
  if (inngestConfigured()) {
    if (opts.tx) throw new Error(`enqueueMany("${name}", …, { tx }) under Inngest would send before the transaction commits.`);
    const { inngest } = await import("@/inngest/client");
    await inngest.send(data.map((d) => ({ name: jobEventName(name), data: wrapPayload(job, d, job.ordered ? undefined : `~${crypto.randomUUID()}`) })));
    return;
  }
  const db = opts.db ?? (await (await import("@/lib/db/client")).getDb());
  const [{ getBoss }, { sendLocalMany }] = await Promise.all([import("./local/boss"), import("./local/send")]);
  await sendLocalMany(await getBoss(db), job, data, { tx: opts.tx });
}
