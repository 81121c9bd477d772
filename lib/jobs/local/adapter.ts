import { sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, type Db as IDatabase } from "pg-boss";
import type { Db, DbOrTx } from "@/lib/db/client";

/** The raw client behind a Drizzle database: PGlite (has `exec`) or postgres.js (has `options`). */
type RawClient = {
  exec?: unknown;
  options?: { host?: string[]; port?: number[]; database?: string; user?: string; pass?: unknown };
};

const rawClient = (db: Db): RawClient => (db as unknown as { $client: RawClient }).$client;

/** Whether the app's database is the embedded PGlite. */
export const isPglite = (db: Db) => typeof rawClient(db).exec === "function";

/**
 * How pg-boss reaches the app's database. PGlite: pg-boss's own `fromPglite` adapter over the
 * app's single instance (exec for its multi-statement migrations, query for parameterised text).
 * Postgres: a connection string for pg-boss's own small `pg` pool — postgres.js refuses the
 * `BEGIN … COMMIT` blocks pg-boss sends as one text on a pooled connection, so the Drizzle
 * adapter cannot carry its maintenance (measured: UNSAFE_TRANSACTION at start()).
 */
export function bossConnection(db: Db, connectionString?: string): { db: IDatabase; backend: "pglite" } | { connectionString: string; backend: "postgres" } {
  const client = rawClient(db);
  if (typeof client.exec === "function") {
    return { db: fromPglite(client as never), backend: "pglite" };
  }
  return { connectionString: connectionString ?? connectionStringOf(client), backend: "postgres" };
}

/** Rebuilds the URL postgres.js was opened with (its parsed options). */
function connectionStringOf(client: RawClient): string {
  const o = client.options;
  if (!o?.host?.length || !o.database) {
    throw new Error("The local job driver needs the Postgres connection string (DATABASE_URL).");
  }
  const auth = o.user ? `${encodeURIComponent(o.user)}${typeof o.pass === "string" && o.pass ? `:${encodeURIComponent(o.pass)}` : ""}@` : "";
  return `postgres://${auth}${o.host[0]}:${o.port?.[0] ?? 5432}/${o.database}`;
}

/**
 * A pg-boss `db` option that runs its statements in the caller's Drizzle transaction (or
 * database), so a job sent with it exists exactly when the caller's change commits.
 */
export const inTransaction = (tx: DbOrTx): IDatabase => fromDrizzle(tx as never, sql as never);
