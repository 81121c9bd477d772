import { enqueueJob, type EnqueueOptions, type EnqueueResult } from "./enqueue-job";

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
