import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { dispatchEvent } from "./consumers";

/**
 * The job the outbox relay enqueues per event: runs the event's consumers. Ordered by aggregate,
 * so the events of one invoice reach consumers in the order they were emitted.
 */
export const dispatchEventJob = defineJob({
  name: "events.dispatch",
  schema: z.object({ eventId: z.string().min(1), aggregate: z.string().min(1) }),
  maxAttempts: 10,
  ordered: { key: (p) => p.aggregate },
  async run({ eventId }, { db, step }) {
    return step("dispatch", () => dispatchEvent(db, eventId));
  },
});

/** The dispatch job's payload for an outbox row: ordered per aggregate. */
export const dispatchPayloadOf = (row: { id: string; aggregateType: string; aggregateId: string }) => ({
  eventId: row.id,
  aggregate: `${row.aggregateType}:${row.aggregateId}`,
});
