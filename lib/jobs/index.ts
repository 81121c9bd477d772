/**
 * The jobs layer (DESIGN.md, "Jobs"): define jobs and schedules, enqueue them, and run them with
 * the embedded pg-boss driver when Inngest is not configured. Register jobs in ./registry.ts.
 */
export { defineJob, defineSchedule, isRetryable, retryAfterSecondsOf } from "./define";
export { enqueue, enqueueMany, prepareEnqueue, type EnqueueOptions, type EnqueueResult } from "./enqueue";
export { listFailedJobs, type FailedJob } from "./failed";
export { inngestConfigured, jobEventName } from "./names";
export { scheduleForOrganisation, unscheduleForOrganisation, type OrganisationSchedule } from "./schedules";
export { startLocalJobs, type LocalJobs, type LocalJobsOptions } from "./local/worker";
export type { JobContext, JobDefinition, ScheduleDefinition } from "./types";
