/** The job that processes one stored inbound event (lib/inbound/job.ts). */
export const PROCESS_JOB = "inbound.process";
