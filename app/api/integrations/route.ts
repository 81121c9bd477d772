// GET /api/integrations — the catalog grouped by category, with this organisation's status per integration, as { data: { connected, categories } }
import { listCatalog } from "@/lib/connections/catalog";
import { json, route } from "../_shared/route-handler";

export const GET = route({ auth: "session" }, async ({ db, ctx }) => json({ data: await listCatalog(db, ctx) }));
