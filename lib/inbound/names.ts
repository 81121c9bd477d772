/** The job that processes one stored inbound event (lib/inbound/job.ts). */
export const PROCESS_JOB = "inbound.process";
/** The scheduled drain of stored events (lib/inbound/drain.ts). */
export const DRAIN_JOB = "inbound.drain";

/** Tries per event before it ends `failed` (backoff between them: 2 s, 4 s, 8 s). */
export const PROCESS_MAX_ATTEMPTS = 4;
