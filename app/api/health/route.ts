// GET /api/health — liveness and database readiness, for load balancers and the e2e server wait.
import { sql } from "drizzle-orm";
import { problem } from "@/lib/api/problem";
import { json, route } from "../_shared/route-handler";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async ({ db }) => {
  try {
    await db.execute(sql`select 1`);
    return json({ data: { ok: true } });
  } catch {
    return problem(503, "database_unavailable", "The database is not answering.");
  }
});
