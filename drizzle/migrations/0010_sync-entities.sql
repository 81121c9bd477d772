CREATE TABLE "sync_lookups" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"detail" text,
	"active" boolean DEFAULT true NOT NULL,
	"raw" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_lookups" ADD CONSTRAINT "sync_lookups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_lookups" ADD CONSTRAINT "sync_lookups_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_lookups_conn_kind_ext_uq" ON "sync_lookups" USING btree ("connection_id","kind","external_id");--> statement-breakpoint
CREATE INDEX "sync_lookups_org_idx" ON "sync_lookups" USING btree ("organisation_id","connection_id","kind");