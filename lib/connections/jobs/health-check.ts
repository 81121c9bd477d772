import { z } from "zod";
import { defineJob, defineSchedule } from "@/lib/jobs/define";
import { runHealthChecks } from "../health";

/**
 * Tests every connected connection with its provider's cheap live call and records the result
 * on the row (lastHealthCheckAt / lastHealthOk / lastError). Per-row failures are recorded, not
 * thrown, so one provider being down never fails or retries the whole run.
 */
export const healthCheckJob = defineJob({
  name: "connections.health-check",
  schema: z.object({ limit: z.number().int().min(1).max(5000).optional() }),
  maxAttempts: 2,
  async run({ limit }, { db, step }) {
    return step("check-all", () => runHealthChecks(db, { limit }));
  },
});

/** Hourly under both drivers. */
export const healthCheckSchedule = defineSchedule({
  name: "connections.health-check.hourly",
  job: healthCheckJob.name,
  everySeconds: 60 * 60,
  cron: "7 * * * *",
});
