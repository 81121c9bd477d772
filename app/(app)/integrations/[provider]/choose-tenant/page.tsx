import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { ChooseTenantForm } from "@/components/integrations/choose-tenant-form";
import { PageHeader } from "@/components/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { getManifest } from "@/integrations";
import { userContext } from "@/lib/auth/access";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { isIntegrationError } from "@/lib/connections/errors";
import { pendingAccounts } from "@/lib/connections/pending";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Choose an organisation" };

type Params = Promise<{ provider: string }>;

/** Loads the pending connection's accounts; "nothing pending" is a normal state, not an error. */
async function loadAccounts(provider: string, tenant: Awaited<ReturnType<typeof requireTenant>>) {
  try {
    return await pendingAccounts(await getDb(), userContext(tenant), provider);
  } catch (err) {
    if (isIntegrationError(err) && err.code === "NOT_CONNECTED") return null;
    throw err;
  }
}

/** After OAuth returned several provider organisations (Xero tenants): pick those to connect. */
export default async function ChooseTenantPage({ params }: { params: Params }) {
  const { provider } = await params;
  const manifest = getManifest(provider);
  if (!manifest) notFound();
  const tenant = await requireTenant();
  const accounts = await loadAccounts(provider, tenant);
  const back = (
    <Link href={`/integrations/${provider}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" aria-hidden="true" /> {manifest.name}
    </Link>
  );

  if (!accounts || accounts.length === 0) {
    return (
      <div className="space-y-6">
        {back}
        <EmptyState
          title="Nothing to choose"
          description={`There is no ${manifest.name} authorisation waiting for a choice. It may have been finished already, or it expired.`}
          action={
            <Link href={`/integrations/${provider}`} className={buttonVariants({ variant: "outline" })}>
              Back to {manifest.name}
            </Link>
          }
        />
      </div>
    );
  }

  return (
    <div className="max-w-2xl space-y-6">
      {back}
      <PageHeader
        title={`Choose ${manifest.name} organisations`}
        description={`You authorised ${accounts.length} organisations at ${manifest.name}. Each one you tick becomes its own connection, with its own status and logs.`}
      />
      <Card>
        <CardContent>
          {canManageIntegrations(tenant) ? (
            <ChooseTenantForm provider={provider} providerName={manifest.name} accounts={accounts} />
          ) : (
            <p className="text-sm text-muted-foreground">Only owners and admins can finish connecting {manifest.name}.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
