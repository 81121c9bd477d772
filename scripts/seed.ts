// npm run db:seed — creates the demo organisation and login (admin@example.com / admin123).
// Uses DATABASE_URL when set, else the embedded PGlite in .data/. Safe to run repeatedly.
import { getDbHandle } from "@/lib/db/client";
import { seedDemo } from "@/lib/seed/demo";
import { DEMO_LOGIN } from "@/lib/seed/embedded";

async function main() {
  const handle = await getDbHandle();
  try {
    const result = await seedDemo(handle.db);
    console.log(
      result.created
        ? `Seeded "Demo Accounting" on ${handle.driver}. Sign in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}.`
        : `The demo organisation already exists on ${handle.driver}; nothing changed.`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
