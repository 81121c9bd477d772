// GET /api/health — liveness and database readiness, for load balancers and the e2e server wait.
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { db, driver } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: driver });
  } catch {
    return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
