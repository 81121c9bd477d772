import postgres from "postgres";
import { openDb, type Db } from "@/lib/db/client";

/**
 * A fresh, migrated database for one test file: a new Postgres database named after a random id
 * when `DATABASE_URL` is set (dropped by `close`), otherwise an in-memory PGlite.
 */
export async function createTestDb(): Promise<{ db: Db; url?: string; close: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await openDb({ dir: "memory://" });
    return { db: handle.db, close: handle.close };
  }
  const name = `hub_t_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString() });
  return {
    db: handle.db,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
