import { redirect } from "next/navigation";
import { AppShell } from "@/components/app-shell/app-shell";
import { getCurrentUser, requireTenant } from "@/lib/auth/session";
import { listMemberships } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";

/**
 * The authenticated area: guards every page below it (sign-in, then an organisation) and renders
 * the shell. Pages still call requireTenant() themselves; layouts do not re-run on every navigation.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const tenant = await requireTenant();
  const organisations = await listMemberships(await getDb(), user.id);
  return (
    <AppShell user={user} organisations={organisations} activeOrganisationId={tenant.organisationId}>
      {children}
    </AppShell>
  );
}
