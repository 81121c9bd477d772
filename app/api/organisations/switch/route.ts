// POST /api/organisations/switch — make an organisation the caller's active one (sets `hub-org`).
import { cookies } from "next/headers";
import { switchOrganisationSchema } from "@/lib/auth/schemas";
import { getCurrentUser, ORG_COOKIE, orgCookieOptions, toErrorResponse } from "@/lib/auth/session";
import { jsonError } from "@/lib/auth/error-response";
import { getDb } from "@/lib/db/client";
import { tenantForOrganisation } from "@/lib/db/queries/organisations";

export async function POST(req: Request) {
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "unauthenticated", "Sign in to use this API.");
  try {
    const { organisationId } = switchOrganisationSchema.parse(await req.json().catch(() => ({})));
    // 404 for organisations the caller is not a member of: the cookie only ever holds their own.
    const tenant = await tenantForOrganisation(await getDb(), user.id, organisationId);
    (await cookies()).set(ORG_COOKIE, organisationId, orgCookieOptions);
    return Response.json({ data: { organisationId, role: tenant.role } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
