import { z } from "zod";
import { isoDate } from "@/lib/accounting/schemas";
import { expireQuotes } from "@/lib/db/queries/quotes";
import { defineJob, defineSchedule } from "@/lib/jobs/define";

/**
 * Expires draft and sent quotes whose valid-until date has passed, for every organisation, in
 * one UPDATE that emits quote.expired per quote. Idempotent: a second run finds nothing left.
 * A scheduled job rather than expiry on read, so the event is sent when the date passes, not
 * when someone next opens the list.
 */
export const expireQuotesJob = defineJob({
  name: "work.expire-quotes",
  schema: z.object({
    /** The day to compare valid-until dates with; each organisation's today when absent. Tests pin it. */
    asOf: isoDate.optional(),
  }),
  maxAttempts: 3,
  async run({ asOf }, { db, step }) {
    const expired = await step("expire-quotes", async () => (await expireQuotes(db, asOf)).length);
    return { expired };
  },
});

/** Every 15 minutes under both drivers, like the overdue check. */
export const expireQuotesSchedule = defineSchedule({
  name: "work.expire-quotes.every-15-minutes",
  job: expireQuotesJob.name,
  everySeconds: 15 * 60,
  cron: "*/15 * * * *",
});
