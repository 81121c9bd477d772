import { sql } from "drizzle-orm";
import { jobs } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

/** A row to put into the `jobs` table. */
export interface JobRowInput {
  name: string;
  payload: unknown;
  key?: string;
  runAt?: Date;
  maxAttempts: number;
}

/**
 * Inserts a pending job row. With a key, an existing row of that key that is still pending or
 * running makes this a no-op (returns null); a finished (done/failed) one is re-armed, so a key
 * names a unit of work that can run again later, never twice at once.
 */
export async function insertJobRow(db: DbOrTx, input: JobRowInput): Promise<string | null> {
  const values = {
    name: input.name,
    payload: input.payload ?? {},
    key: input.key ?? null,
    runAt: input.runAt ?? new Date(),
    maxAttempts: input.maxAttempts,
  };
  const [row] = await db
    .insert(jobs)
    .values(values)
    .onConflictDoUpdate({
      target: jobs.key,
      set: {
        ...values,
        status: "pending",
        attempts: 0,
        lastError: null,
        lockedAt: null,
        finishedAt: null,
        createdAt: sql`now()`,
      },
      setWhere: sql`${jobs.status} in ('done', 'failed')`,
    })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}
