import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";

/** Runs raw SQL and returns its rows whichever driver answers (postgres.js: an array; PGlite: `{rows}`). */
export async function executeRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(res) ? res : res.rows;
}
