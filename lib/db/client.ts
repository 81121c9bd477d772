import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "@/drizzle/schema";
import { dataDir } from "@/lib/data-dir";

/** The Drizzle database, whichever driver is behind it (postgres.js or PGlite). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Pass this to functions that accept either the database or an open transaction. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; close: () => Promise<void>; driver: "postgres" | "pglite" };

/** The PGlite databases opened here: one process only can open each (see `openedByOneProcess`). */
const pgliteDbs = new WeakSet<Db>();

/** Whether `db` is a PGlite, which only this process can have open (no other process shares it). */
export function openedByOneProcess(db: Db): boolean {
  return pgliteDbs.has(db);
}

const g = globalThis as typeof globalThis & { __hubDb?: Promise<Handle> };

/**
 * Opens a database: Postgres when `url` is given, else PGlite (in `dir`, or in memory when
 * `dir` is "memory://"). Migrations are applied before it is returned.
 */
export async function openDb(opts: { url?: string; dir?: string } = {}): Promise<Handle> {
  const { migrate } = await import("./migrate");
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(opts.url, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => {} });
    const db = drizzle(sql, { schema }) as unknown as Db;
    await migrate(db, "postgres");
    return { db, close: () => sql.end(), driver: "postgres" };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = new PGlite(opts.dir ?? "memory://");
  const db = drizzle(client, { schema }) as unknown as Db;
  pgliteDbs.add(db);
  await migrate(db, "pglite");
  return { db, close: () => client.close(), driver: "pglite" };
}

/**
 * The process-wide database, created on first use (never at import, so `next build` does not
 * open one). Kept on globalThis so dev-server reloads and every route bundle share one PGlite.
 */
export function getDbHandle(): Promise<Handle> {
  if (!g.__hubDb) {
    const url = process.env.DATABASE_URL;
    g.__hubDb = openDb(url ? { url } : { dir: `${dataDir()}/pglite` }).catch((err) => {
      g.__hubDb = undefined;
      throw err;
    });
  }
  return g.__hubDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
