import { markOverdueJob, markOverdueSchedule } from "@/lib/accounting/jobs/mark-overdue";
import { healthCheckJob, healthCheckSchedule } from "@/lib/connections/jobs/health-check";
import { dispatchEventJob } from "@/lib/events/dispatch-job";
import { expireQuotesJob, expireQuotesSchedule } from "@/lib/work/jobs/expire-quotes";
import { drainInboundJob, drainInboundSchedule, processInboundJob } from "@/lib/inbound/job";
import { deliverJob, sweepJob, sweepSchedule } from "@/lib/outbound/jobs";
import { syncSweepJob, syncSweepSchedule } from "@/lib/sync/jobs";
import { syncRunJob } from "@/lib/sync/run-job";
import type { JobDefinition, ScheduleDefinition } from "./types";

/**
 * Every job and schedule of the hub, for both drivers (the local runner and the Inngest
 * functions are built from this one list). Add yours with one import and one entry. Job
 * modules should import defineJob from "@/lib/jobs/define" (not "@/lib/jobs") to avoid an
 * import cycle through this file.
 */
export const registry: (JobDefinition | ScheduleDefinition)[] = [
  markOverdueJob, markOverdueSchedule, healthCheckJob, healthCheckSchedule, dispatchEventJob,
  expireQuotesJob, expireQuotesSchedule,
  processInboundJob, drainInboundJob, drainInboundSchedule,
  deliverJob, sweepJob, sweepSchedule,
  syncRunJob, syncSweepJob, syncSweepSchedule,
];

const isJob = (e: JobDefinition | ScheduleDefinition): e is JobDefinition => "run" in e;

/** The job definitions of the registry. */
export const registeredJobs = (): JobDefinition[] => registry.filter(isJob);

/** The schedules of the registry. */
export const registeredSchedules = (): ScheduleDefinition[] =>
  registry.filter((e): e is ScheduleDefinition => !isJob(e));

export function findJob(name: string): JobDefinition | undefined {
  return registeredJobs().find((j) => j.name === name);
}

/** Throws when names repeat or a schedule names a job that does not exist (checked by a test). */
export function validateRegistry(entries = registry): void {
  const names = new Set<string>();
  for (const e of entries) {
    if (names.has(e.name)) throw new Error(`Duplicate job/schedule name "${e.name}" in lib/jobs/registry.ts`);
    names.add(e.name);
  }
  const jobNames = new Set(entries.filter(isJob).map((j) => j.name));
  for (const s of entries.filter((e): e is ScheduleDefinition => !isJob(e))) {
    if (!jobNames.has(s.job)) throw new Error(`Schedule "${s.name}" names unknown job "${s.job}"`);
  }
}
