CREATE TABLE "job_concurrency_admits" (
	"job_id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"admitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "job_concurrency_admits_key_idx" ON "job_concurrency_admits" USING btree ("key");