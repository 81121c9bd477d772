import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getUserById, type PublicUser } from "@/lib/db/queries/users";
import { auth } from "./auth";
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
