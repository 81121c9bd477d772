CREATE TABLE "connection_leases" (
	"key" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "connections_org_provider_uq";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "connection_id" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "is_default" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "grant_id" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_connection_idx" ON "audit_log" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "connections_org_provider_idx" ON "connections" USING btree ("organisation_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_org_provider_account_uq" ON "connections" USING btree ("organisation_id","provider","external_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_default_uq" ON "connections" USING btree ("organisation_id","provider") WHERE "connections"."is_default";--> statement-breakpoint
CREATE INDEX "connections_grant_idx" ON "connections" USING btree ("grant_id");