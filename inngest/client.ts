import { Inngest } from "inngest";

/**
 * The hub's Inngest client. It reads INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY (cloud or
 * self-hosted) or INNGEST_DEV=1 (dev server) from the environment; without them the hub uses
 * the local runner instead (lib/jobs).
 */
export const inngest = new Inngest({ id: "integration-hub" });
