// GET /api/organisations — the caller's organisations; POST — create one (the caller becomes owner).
import { listMemberships } from "@/lib/auth/tenant";
import { getCurrentUser, toErrorResponse } from "@/lib/auth/session";
import { jsonError } from "@/lib/auth/error-response";
import { getDb } from "@/lib/db/client";
import { createOrganisation } from "@/lib/db/queries/organisations";

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "unauthenticated", "Sign in to use this API.");
  return Response.json({ data: await listMemberships(await getDb(), user.id) });
}

export async function POST(req: Request) {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "unauthenticated", "Sign in to use this API.");
  try {
    const body: unknown = await req.json().catch(() => ({}));
    const org = await createOrganisation(await getDb(), user.id, body);
    return Response.json({ data: { ...org, role: "owner" } }, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
