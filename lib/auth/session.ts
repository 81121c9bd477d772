import { cache } from "react";
import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getUserById, type PublicUser } from "@/lib/db/queries/users";
import { auth } from "./auth";
import { errorToResponse, jsonError } from "./error-response";
import { ORG_COOKIE } from "./org-cookie";
import { hasRole, resolveTenant, ForbiddenError, type Role, type Tenant } from "./tenant";

// Next.js-only helpers: pages, server actions and route handlers use these; lib/ code takes a
// Tenant argument instead so it stays testable without a request.

// Kept in a Next-free module so the API wrapper and tests can set the cookie without next/headers.
export { ORG_COOKIE, orgCookieOptions } from "./org-cookie";

/** The signed-in user, or null. Cached per request; reads the user row so deleted users are out. */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return getUserById(await getDb(), id);
});

/** The user's tenant: the organisation in the `hub-org` cookie if they belong to it, else their first. */
const currentTenant = cache(async (userId: string): Promise<Tenant | null> => {
  const requested = (await cookies()).get(ORG_COOKIE)?.value ?? null;
  return resolveTenant(await getDb(), userId, requested);
});

/**
 * For server components and server actions: the caller's tenant. Redirects to /sign-in without a
 * session and to /onboarding when the user has no organisation; throws ForbiddenError when the
 * role is below `minRole`.
 */
export async function requireTenant(minRole?: Role): Promise<Tenant> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const tenant = await currentTenant(user.id);
  if (!tenant) redirect("/onboarding");
  if (minRole && !hasRole(tenant, minRole)) throw new ForbiddenError();
  return tenant;
}

/**
 * For route handlers: the tenant, or a ready problem+json response (401 / 403).
 * @deprecated Only for routes not yet on the wrapper; use `route({ auth: "session" }, …)` from
 * app/api/_shared/route-handler.ts, which also checks CSRF, content type and body size.
 */
export async function apiTenant(
  minRole?: Role,
): Promise<{ ok: true; tenant: Tenant } | { ok: false; response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, response: jsonError(401, "unauthenticated", "Sign in to use this API.") };
  const tenant = await currentTenant(user.id);
  if (!tenant) {
    return { ok: false, response: jsonError(403, "no_organisation", "Create or join an organisation first.") };
  }
  if (minRole && !hasRole(tenant, minRole)) {
    return { ok: false, response: jsonError(403, "forbidden", new ForbiddenError().message) };
  }
  return { ok: true, tenant };
}

/**
 * Maps a thrown error to a JSON response (see errorToResponse). Next.js control-flow errors
 * (redirect, notFound) are re-thrown so they keep working inside route handlers.
 */
export function toErrorResponse(err: unknown): Response {
  unstable_rethrow(err);
  return errorToResponse(err);
}
