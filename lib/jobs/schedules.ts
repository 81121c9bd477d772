import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { defineSchedule } from "./define";
import { wrapPayload } from "./keys";
import { inngestConfigured } from "./names";

/** An organisation's own recurring job, e.g. a nightly sync at 02:00 in its time zone. */
export const organisationScheduleSchema = z.object({
  job: z.string().min(1),
  organisationId: z.string().min(1),
  /** Distinguishes several schedules of one job for one organisation (default "default"). */
  name: z.string().regex(/^[a-z0-9-]+$/).max(60).default("default"),
  cron: z.string().min(9).max(120),
  /** IANA zone, e.g. "Europe/London". */
  tz: z.string().min(1).max(64),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type OrganisationSchedule = z.input<typeof organisationScheduleSchema>;

// pg-boss schedule keys allow letters, digits, "_", "-", "." and "/".
const keyOf = (s: { organisationId: string; name: string }) => `org/${s.organisationId}/${s.name}`;

/**
 * Creates or replaces an organisation's schedule: a pg-boss cron evaluated in the organisation's
 * time zone (so 02:00 stays 02:00 across daylight-saving changes). Embedded driver only: Inngest
 * crons are declared per function (`TZ=<zone> <cron>` from a ScheduleDefinition), not per tenant.
 */
export async function scheduleForOrganisation(db: Db, input: OrganisationSchedule): Promise<void> {
  const s = organisationScheduleSchema.parse(input);
  if (inngestConfigured()) {
    throw new Error("Per-organisation schedules run on the embedded driver; under Inngest declare a schedule with a TZ cron.");
  }
  defineSchedule({ name: keyOf(s), job: s.job, cron: s.cron, tz: s.tz }); // validates cron shape and zone
  const [{ findJob }, { getBoss, ensureQueue }] = await Promise.all([import("./registry"), import("./local/boss")]);
  const job = findJob(s.job);
  if (!job) throw new Error(`Unknown job "${s.job}": add it to lib/jobs/registry.ts`);
  const boss = await getBoss(db);
  await ensureQueue(boss, job);
  await boss.schedule(job.name, s.cron, wrapPayload(job, job.schema.parse(s.payload)), {
    tz: s.tz, key: keyOf(s), singletonKey: `schedule:${keyOf(s)}`,
  });
}

/** Removes an organisation's schedule (no-op when absent). */
export async function unscheduleForOrganisation(db: Db, job: string, organisationId: string, name = "default"): Promise<void> {
  const { getBoss } = await import("./local/boss");
  await (await getBoss(db)).unschedule(job, keyOf({ organisationId, name }));
}
