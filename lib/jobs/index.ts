/**
 * The jobs layer (DESIGN.md, "Jobs"): define jobs and schedules, enqueue them, and run them with
 * the in-process runner when Inngest is not configured. Register jobs in ./registry.ts.
 */
export { defineJob, defineSchedule, isRetryable } from "./define";
export { enqueue, type EnqueueOptions, type EnqueueResult } from "./enqueue";
export { inngestConfigured, jobEventName } from "./names";
export { startLocalRunner, type LocalRunner, type LocalRunnerOptions } from "./runner";
export type { JobContext, JobDefinition, ScheduleDefinition } from "./types";
