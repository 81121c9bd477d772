import { z } from "zod";
import { defineJob, isRetryable } from "@/lib/jobs/define";
import { failRun, runSync } from "./engine";

const MAX_ATTEMPTS = 8;

/**
 * Runs one sync run (lib/sync/engine.ts). One run per connection at a time (per-key concurrency),
 * so two runs never write one connection's links at once; a retried job resumes from the
 * checkpoint. When it gives up, the run is marked failed with the reason.
 */
export const syncRunJob = defineJob({
  name: "sync.run",
  schema: z.object({ organisationId: z.string().min(1), connectionId: z.string().min(1), runId: z.string().min(1) }),
  maxAttempts: MAX_ATTEMPTS,
  timeoutSeconds: 3600,
  concurrency: { key: (p) => `sync:${p.connectionId}`, limit: 1 },
  async run(payload, { db, step, attempt }) {
    try {
      return await runSync(db, payload, { step });
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(syncRunJob, err)) await failRun(db, payload, err);
      throw err;
    }
  },
});
