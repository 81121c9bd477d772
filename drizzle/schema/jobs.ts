import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Durable job rows for the in-process local runner (DESIGN.md, "Jobs"). With Inngest configured
 * the rows are not used; the lib/ step functions keep their own state in the domain tables, so
 * either driver resumes the same work.
 */
export const jobs = pgTable("jobs", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name").notNull(),
  payload: jsonb("payload").notNull().default({}),
  /** Deduplication key: a second enqueue with the same key while one is pending is a no-op. */
  key: text("key"),
  status: text("status", { enum: ["pending", "running", "done", "failed"] }).notNull().default("pending"),
  runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
  attempts: integer("attempts").notNull().default(0),
  maxAttempts: integer("max_attempts").notNull().default(5),
  lastError: text("last_error"),
  lockedAt: timestamp("locked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
}, (t) => [
  index("jobs_due_idx").on(t.status, t.runAt),
  uniqueIndex("jobs_key_uq").on(t.key),
]);

/** Last run of each schedule, so a restart does not fire every cron at once. */
export const schedules = pgTable("schedules", {
  name: text("name").primaryKey(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
});
