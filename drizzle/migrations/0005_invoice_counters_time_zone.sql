CREATE TABLE "invoice_counters" (
	"organisation_id" text PRIMARY KEY NOT NULL,
	"last_number" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_org_issue_idx" ON "invoices" USING btree ("organisation_id","issue_date","number");--> statement-breakpoint
CREATE INDEX "invoices_org_status_issue_idx" ON "invoices" USING btree ("organisation_id","status","issue_date");--> statement-breakpoint
CREATE INDEX "invoices_customer_issue_idx" ON "invoices" USING btree ("customer_id","issue_date");