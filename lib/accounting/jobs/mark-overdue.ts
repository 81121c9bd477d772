import { z } from "zod";
import { isoDate } from "@/lib/accounting/schemas";
import { markOverdueInvoices } from "@/lib/db/queries/invoices";
import { defineJob, defineSchedule } from "@/lib/jobs/define";

/**
 * Marks sent invoices whose due date has passed as overdue, for every organisation, in one
 * UPDATE. Idempotent: a second run finds nothing left to change, so retries are safe.
 */
export const markOverdueJob = defineJob({
  name: "accounting.mark-overdue",
  schema: z.object({
    /** The day to compare due dates with; each organisation's today (its time zone) when absent. Tests pin it. */
    asOf: isoDate.optional(),
  }),
  maxAttempts: 3,
  async run({ asOf }, { db, step }) {
    const marked = await step("mark-overdue", async () => (await markOverdueInvoices(db, asOf)).length);
    return { marked };
  },
});

/** Every 15 minutes under both drivers. */
export const markOverdueSchedule = defineSchedule({
  name: "accounting.mark-overdue.every-15-minutes",
  job: markOverdueJob.name,
  everySeconds: 15 * 60,
  cron: "*/15 * * * *",
});
