import type { PullPage, PullRequest } from "@/integrations/hook-types";
import { inngestConfigured } from "@/lib/jobs/names";

/**
 * Reading the next page of a pull while the current one is written. Only where a run's steps run
 * in this process (the embedded job driver): under Inngest each step is its own invocation, and a
 * page read ahead there would be a call spent on the provider's budget for nothing. The read is a
 * plain HTTP call that no transaction waits on; the page is used only by the step whose request
 * (checkpoint cursor) it was read for, so a resumed or retried run simply reads it again.
 */
export interface ReadAhead {
  /** The page read ahead for `req`, or a fresh read. */
  read(req: PullRequest, fetch: (req: PullRequest) => Promise<PullPage>): Promise<PullPage>;
  /** Starts reading `req` (the page after the one being written). */
  start(req: PullRequest, fetch: (req: PullRequest) => Promise<PullPage>): void;
}

const keyOf = (req: PullRequest) => JSON.stringify([req.since, req.cursor]);

export function readAhead(enabled = !inngestConfigured()): ReadAhead {
  let pending: { key: string; page: Promise<PullPage> } | undefined;
  return {
    read(req, fetch) {
      const ahead = pending;
      pending = undefined;
      return ahead?.key === keyOf(req) ? ahead.page : fetch(req);
    },
    start(req, fetch) {
      if (!enabled) return;
      const page = fetch(req);
      // Handled here so a page nobody takes (a cancel, a failed write) is no unhandled rejection;
      // the step that takes it still sees the error.
      page.catch(() => undefined);
      pending = { key: keyOf(req), page };
    },
  };
}
