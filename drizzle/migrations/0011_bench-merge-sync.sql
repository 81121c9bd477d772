CREATE TYPE "public"."sync_conflict_policy" AS ENUM('newest', 'app', 'provider', 'ask');--> statement-breakpoint
CREATE TYPE "public"."sync_delete_policy" AS ENUM('void', 'archive', 'ignore');--> statement-breakpoint
CREATE TYPE "public"."sync_direction" AS ENUM('pull', 'push', 'both');--> statement-breakpoint
CREATE TYPE "public"."sync_run_mode" AS ENUM('full', 'incremental');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."sync_schedule" AS ENUM('manual', 'hourly', 'daily', 'weekly', 'realtime');--> statement-breakpoint
CREATE TABLE "sync_checkpoints" (
	"organisation_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"entity" text NOT NULL,
	"modified_since" timestamp with time zone,
	"run_id" text,
	"cursor" jsonb,
	"page" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_checkpoints_connection_id_entity_pk" PRIMARY KEY("connection_id","entity")
);
--> statement-breakpoint
CREATE TABLE "sync_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"entity" text NOT NULL,
	"local_id" text NOT NULL,
	"external_id" text NOT NULL,
	"local_version" jsonb NOT NULL,
	"remote_version" jsonb NOT NULL,
	"policy" "sync_conflict_policy" NOT NULL,
	"resolved_by" text,
	"resolution" text,
	"run_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_links" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"entity" text NOT NULL,
	"local_id" text NOT NULL,
	"external_id" text NOT NULL,
	"remote_version" text,
	"content_hash" text,
	"last_pushed_hash" text,
	"external_url" text,
	"remote_deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_run_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"run_id" text NOT NULL,
	"entity" text NOT NULL,
	"external_id" text,
	"local_id" text,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"provider" text NOT NULL,
	"entity" text,
	"direction" text DEFAULT 'pull' NOT NULL,
	"mode" "sync_run_mode" DEFAULT 'incremental' NOT NULL,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"current_entity" text,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"progress" integer DEFAULT 0 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"only" jsonb,
	"retry_of" text,
	"error" text,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_settings" (
	"organisation_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"entity" text NOT NULL,
	"direction" "sync_direction" DEFAULT 'both' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"schedule" "sync_schedule" DEFAULT 'hourly' NOT NULL,
	"conflict_policy" "sync_conflict_policy" DEFAULT 'newest' NOT NULL,
	"delete_policy" "sync_delete_policy" DEFAULT 'void' NOT NULL,
	"mapping" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_settings_connection_id_entity_pk" PRIMARY KEY("connection_id","entity")
);
--> statement-breakpoint
ALTER TABLE "sync_checkpoints" ADD CONSTRAINT "sync_checkpoints_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_checkpoints" ADD CONSTRAINT "sync_checkpoints_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_conflicts" ADD CONSTRAINT "sync_conflicts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_conflicts" ADD CONSTRAINT "sync_conflicts_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_links" ADD CONSTRAINT "sync_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_links" ADD CONSTRAINT "sync_links_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_errors" ADD CONSTRAINT "sync_run_errors_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_errors" ADD CONSTRAINT "sync_run_errors_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_settings" ADD CONSTRAINT "sync_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_settings" ADD CONSTRAINT "sync_settings_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_conflicts_connection_idx" ON "sync_conflicts" USING btree ("connection_id","resolved_at","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_links_external_uq" ON "sync_links" USING btree ("connection_id","entity","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_links_local_uq" ON "sync_links" USING btree ("connection_id","entity","local_id");--> statement-breakpoint
CREATE INDEX "sync_links_local_idx" ON "sync_links" USING btree ("organisation_id","entity","local_id");--> statement-breakpoint
CREATE INDEX "sync_run_errors_run_idx" ON "sync_run_errors" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_idx" ON "sync_runs" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_active_uq" ON "sync_runs" USING btree ("connection_id","direction",coalesce("entity", '*')) WHERE "sync_runs"."status" in ('queued', 'running');