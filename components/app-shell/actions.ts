"use server";

import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { switchOrganisationSchema } from "@/lib/auth/schemas";
import { getCurrentUser, ORG_COOKIE, orgCookieOptions } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { tenantForOrganisation } from "@/lib/db/queries/organisations";

/** Makes `organisationId` the active organisation, after checking the user belongs to it. */
export async function switchOrganisationAction(organisationId: string): Promise<{ ok: boolean; message?: string }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again." };
  const parsed = switchOrganisationSchema.safeParse({ organisationId });
  if (!parsed.success) return { ok: false, message: "Unknown organisation." };
  try {
    await tenantForOrganisation(await getDb(), user.id, parsed.data.organisationId);
  } catch {
    return { ok: false, message: "You are not a member of that organisation." };
  }
  (await cookies()).set(ORG_COOKIE, parsed.data.organisationId, orgCookieOptions);
  return { ok: true };
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(ORG_COOKIE);
  await signOut({ redirectTo: "/sign-in" });
}
