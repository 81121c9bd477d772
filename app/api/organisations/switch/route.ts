// POST /api/organisations/switch — make an organisation the caller's active one (sets `hub-org`); { data: { id, role } }
import { ORG_COOKIE, orgCookieOptions } from "@/lib/auth/org-cookie";
import { tenantForOrganisation } from "@/lib/db/queries/organisations";
import { organisationSwitchRequest } from "@/lib/api/schemas/organisations";
import { json, route } from "../../_shared/route-handler";

export const POST = route({ auth: "user", body: organisationSwitchRequest }, async ({ db, userId, body }) => {
  // 404 for organisations the caller is not a member of: the cookie only ever holds their own.
  const tenant = await tenantForOrganisation(db, userId, body.organisationId);
  const res = json({ data: { id: tenant.organisationId, role: tenant.role } });
  res.headers.append("set-cookie", serializeOrgCookie(tenant.organisationId));
  return res;
});

/** The Set-Cookie value for ORG_COOKIE (set on the response, so the handler needs no next/headers). */
function serializeOrgCookie(value: string): string {
  const o = orgCookieOptions;
  return [
    `${ORG_COOKIE}=${encodeURIComponent(value)}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAge}`,
    "SameSite=Lax",
    o.httpOnly ? "HttpOnly" : "",
    o.secure ? "Secure" : "",
  ].filter(Boolean).join("; ");
}
