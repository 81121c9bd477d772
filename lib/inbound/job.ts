import { z } from "zod";
import { defineJob, isRetryable } from "@/lib/jobs/define";
import { PROCESS_JOB } from "./names";
import { processEvent, recordFailure } from "./process";

/** Tries per event before it ends `failed` (pg-boss backoff between them: 2 s, 4 s, 8 s). */
export const PROCESS_MAX_ATTEMPTS = 4;

/**
 * Processes one stored inbound event (lib/inbound/process.ts). Idempotent per event: a second
 * run finds it processed and does nothing. A throw is recorded on the event and retried; after
 * the last attempt (or an error that cannot heal) the event is `failed` with the error.
 */
export const processInboundJob = defineJob({
  name: PROCESS_JOB,
  schema: z.object({ id: z.string().min(1).max(64), organisationId: z.string().min(1).max(64) }),
  maxAttempts: PROCESS_MAX_ATTEMPTS,
  timeoutSeconds: 120,
  async run(ref, { db, attempt }) {
    try {
      return { result: await processEvent(db, ref) };
    } catch (err) {
      const final = attempt >= PROCESS_MAX_ATTEMPTS || !isRetryable(processInboundJob, err);
      await recordFailure(db, ref, err, final);
      throw err;
    }
  },
});
