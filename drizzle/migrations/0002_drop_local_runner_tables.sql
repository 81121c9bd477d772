DROP TABLE "jobs" CASCADE;--> statement-breakpoint
DROP TABLE "schedules" CASCADE;