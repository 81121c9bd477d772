/** Inngest event name of a job: every job is triggered by the event `hub/<job name>`. */
export const jobEventName = (job: string) => `hub/${job}`;

/** Inngest function id of a job (ids are slugs: dots become dashes). */
export const jobFunctionId = (job: string) => job.replace(/\./g, "-");

/** Whether enqueue() goes to Inngest (DESIGN.md, "Jobs"); otherwise the embedded pg-boss driver. */
export const inngestConfigured = () => Boolean(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
