import path from "node:path";

/** What the migrator needs of the database (structural, so this module does not import client.ts back). */
type Migratable = { execute(query: string): Promise<unknown> };

const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle", "migrations");

/** Applies drizzle-kit's generated migrations with the driver's own migrator. */
export async function migrate(db: Migratable, driver: "postgres" | "pglite"): Promise<void> {
  if (driver === "postgres") {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    // Parallel test workers may migrate the same database at once; an advisory lock serialises them.
    await db.execute("select pg_advisory_lock(7243001)");
    try {
      await run(db as never, { migrationsFolder });
    } finally {
      await db.execute("select pg_advisory_unlock(7243001)");
    }
  } else {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(db as never, { migrationsFolder });
  }
}
