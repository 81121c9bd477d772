import type { PullPage, PullRequest } from "@/integrations/hook-types";
import { inngestConfigured } from "@/lib/jobs/names";
import { canonical } from "./hash";

/**
 * Reading the next page of a pull while the current one is written. Only where a run's steps run
 * in this process (the embedded job driver): under Inngest each step is its own invocation, and a
 * page read ahead there would be a call spent on the provider's budget for nothing. The read is a
 * plain HTTP call that no transaction waits on; the page is used only by the step whose request
 * (checkpoint cursor) it was read for, so a resumed or retried run simply reads it again.
 */
export interface ReadAhead<T = PullPage> {
  /** The page read ahead for `req`, or a fresh read. */
  read(req: PullRequest, fetch: (req: PullRequest) => Promise<T>): Promise<T>;
  /** Starts reading `req` (the page after the one being written); the read, when started. */
  start(req: PullRequest, fetch: (req: PullRequest) => Promise<T>): Promise<T> | undefined;
}

// Keys in any order: the step asking has its cursor back from the checkpoint's jsonb, which keeps
// an object's keys in its own order (shortest first), not in the order the page wrote them.
const keyOf = (req: PullRequest) => JSON.stringify(canonical([req.since, req.cursor]));

export function readAhead<T = PullPage>(enabled = !inngestConfigured()): ReadAhead<T> {
  let pending: { key: string; page: Promise<T> } | undefined;
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
      return page;
    },
  };
}
