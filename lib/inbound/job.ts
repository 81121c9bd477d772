import { z } from "zod";
import { defineJob, defineSchedule, isRetryable } from "@/lib/jobs/define";
import { inngestConfigured } from "@/lib/jobs/names";
import { drainInbound, retryDelaySeconds } from "./drain";
import { DRAIN_JOB, PROCESS_JOB, PROCESS_MAX_ATTEMPTS } from "./names";
import { processEvent, recordFailure } from "./process";

/**
 * Processes one stored inbound event (lib/inbound/process.ts): under Inngest, one job per event;
 * the embedded driver drains stored events in batches instead (lib/inbound/drain.ts), and takes
 * jobs still queued from before. Idempotent per event: a second run finds it processed and does
 * nothing. A throw is recorded on the event and retried; after
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
      await recordFailure(db, ref, err, final, retryDelaySeconds(attempt));
      throw err;
    }
  },
});

/**
 * The embedded driver's safety net: every minute, any process with workers drains what is due —
 * events a process stored before it stopped, leases of a drain that died. Stored events are
 * otherwise drained at once by the process that stored them (wakeDrain). Under Inngest events
 * are processed one job each, so this does nothing there.
 */
export const drainInboundJob = defineJob({
  name: DRAIN_JOB,
  schema: z.object({}),
  maxAttempts: 1,
  timeoutSeconds: 900,
  async run(_payload, { db }) {
    return { tried: inngestConfigured() ? 0 : await drainInbound(db) };
  },
});

export const drainInboundSchedule = defineSchedule({ name: "inbound.drain-every-minute", job: DRAIN_JOB, cron: "* * * * *", everySeconds: 60 });
