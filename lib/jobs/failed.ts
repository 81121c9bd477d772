import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { unwrapPayload } from "./keys";
import { executeRows } from "./local/rows";

/** A job that used up its attempts (or failed with a non-retryable error). */
export interface FailedJob {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** The last error as pg-boss stored it (message, stack). */
  error: unknown;
  failedAt: Date | null;
}

/**
 * The dead jobs of the local driver, newest first: pg-boss keeps them in state `failed` until
 * its retention deletes them. (Under Inngest failed runs are listed in Inngest's dashboard.)
 */
export async function listFailedJobs(db: DbOrTx, opts: { name?: string; limit?: number } = {}): Promise<FailedJob[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const rows = await executeRows<{ id: string; name: string; data: unknown; retry_count: number; output: unknown; completed_on: string | Date | null }>(db, sql`
    select id::text, name, data, retry_count, output, completed_on from pgboss.job
    where state = 'failed' ${opts.name ? sql`and name = ${opts.name}` : sql``}
    order by completed_on desc nulls last limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    payload: unwrapPayload(r.data).payload,
    attempts: r.retry_count + 1,
    error: r.output,
    failedAt: r.completed_on ? new Date(r.completed_on) : null,
  }));
}
