import { registeredJobs, registeredSchedules } from "@/lib/jobs/registry";
import { markOverdueFunction } from "./accounting/mark-overdue";
import { createJobFunction } from "./from-job";

/** Functions written out by hand (thin wrappers with their own file), by job name. */
const explicit = new Map([["accounting.mark-overdue", markOverdueFunction]]);

/**
 * One Inngest function per registered job, built from the same registry the local runner uses;
 * a job without its own wrapper file gets a generated one.
 */
export const functions = registeredJobs().map(
  (job) => explicit.get(job.name) ?? createJobFunction(job, { schedules: registeredSchedules() }),
);
