import { bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Starts counted against a job's throttle (lib/jobs/local/throttle.ts), one row per allowed
 * start, pruned as they leave the window. The jobs themselves live in pg-boss's own `pgboss`
 * schema, which pg-boss installs and migrates; under Inngest neither is used.
 */
export const jobThrottleHits = pgTable("job_throttle_hits", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  key: text("key").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("job_throttle_hits_key_at_idx").on(t.key, t.at)]);

/**
 * Jobs admitted under a per-key concurrency limit (lib/jobs/local/concurrency.ts). pg-boss
 * filters by group when it fetches, but concurrent fetchers on separate connections can race
 * past that count; an admission under an advisory lock on the key makes the limit exact.
 */
export const jobConcurrencyAdmits = pgTable("job_concurrency_admits", {
  jobId: text("job_id").primaryKey(),
  key: text("key").notNull(),
  admittedAt: timestamp("admitted_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("job_concurrency_admits_key_idx").on(t.key)]);
