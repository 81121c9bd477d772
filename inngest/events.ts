import { z } from "zod";
import { jobEventName } from "@/lib/jobs/names";
import { registeredJobs } from "@/lib/jobs/registry";

export { jobEventName };

/** The envelope of every event the hub sends to Inngest: `hub/<job name>` with the job's payload. */
export const hubEventSchema = z.object({
  name: z.string().regex(/^hub\/[a-z0-9.-]+$/),
  data: z.record(z.string(), z.unknown()),
  id: z.string().optional(),
  ts: z.number().int().optional(),
});
export type HubEvent = z.infer<typeof hubEventSchema>;

/** The payload schema of each event, by event name, taken from the jobs' own schemas. */
export function eventSchemas(): Record<string, z.ZodType> {
  return Object.fromEntries(registeredJobs().map((j) => [jobEventName(j.name), j.schema]));
}

/** Validates an event against the envelope and its job's payload schema. */
export function parseHubEvent(input: unknown): HubEvent {
  const event = hubEventSchema.parse(input);
  const schema = eventSchemas()[event.name];
  if (!schema) throw new Error(`No job handles ${event.name}`);
  return { ...event, data: schema.parse(event.data) as Record<string, unknown> };
}
