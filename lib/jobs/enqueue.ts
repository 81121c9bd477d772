import { enqueueJob, type EnqueueOptions, type EnqueueResult } from "./enqueue-job";
import type { Db } from "@/lib/db/client";
import { wrapPayload } from "./keys";
import { inngestConfigured, jobEventName } from "./names";

export type { EnqueueOptions, EnqueueResult };

/**
 * Schedules a registered job. The payload is validated with the job's schema here, so a bad
 * payload fails at the caller and not later in a worker.
 */
export async function enqueue(name: string, payload: unknown = {}, opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  // Imported lazily: job modules may import enqueue, and the registry imports job modules.
  const { findJob } = await import("./registry");
  const job = findJob(name);
  if (!job) throw new Error(`Unknown job "${name}": add it to lib/jobs/registry.ts`);
  return enqueueJob(job, payload, opts);
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
