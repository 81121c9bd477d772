import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon, ExternalLinkIcon, ListIcon, PlusIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { AuditList } from "@/components/integrations/audit-list";
import { loadActorNames } from "@/components/integrations/audit-actors";
import { Banner } from "@/components/integrations/banner";
import { CallbackNotice } from "@/components/integrations/callback-notice";
import { ConnectionsList } from "@/components/integrations/connections-list";
import { callbackErrorMessage } from "@/components/integrations/messages";
import { ProviderLogo } from "@/components/integrations/provider-logo";
import { SetupPanel } from "@/components/integrations/setup-panel";
import { StatusBadge } from "@/components/integrations/status-badge";
import { buttonVariants } from "@/components/ui/button";
import { getManifest } from "@/integrations";
import { userContext } from "@/lib/auth/access";
import { listAuditEntries } from "@/lib/audit";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { categoryLabels, getIntegrationStatus } from "@/lib/connections/catalog";
import { getDb } from "@/lib/db/client";

type Params = Promise<{ provider: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { provider } = await params;
  return { title: getManifest(provider)?.name ?? "Integration" };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * One provider: its connections (each opens its own page), setup or "Add another", and the
 * provider's recent activity. The page never branches on specific provider ids.
 */
export default async function IntegrationDetailPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { provider } = await params;
  // Unknown ids 404 before any tenant data is read.
  if (!getManifest(provider)) notFound();
  const tenant = await requireTenant();
  const ctx = userContext(tenant);
  const db = await getDb();
  const [entry, logs, actors] = await Promise.all([
    getIntegrationStatus(db, ctx, provider),
    listAuditEntries(db, ctx, { provider, limit: 20 }),
    loadActorNames(db, tenant),
  ]);
  const query = await searchParams;
  const errorMessage = callbackErrorMessage(first(query.error), entry.name);
  const connectedNow = Number(first(query.connected) ?? 0);
  const canManage = canManageIntegrations(tenant);
  const live = entry.connections.filter((c) => c.status !== "disconnected");
  const canAdd = canManage && entry.allowsSeveral && entry.availability === "available" && live.length > 0;
  const adding = canAdd && first(query.add) === "1";
  const needsSetup = live.length === 0 || entry.status === "needs_reauth" || entry.status === "error";
  const now = new Date();

  return (
    <div className="space-y-6">
      <Link href="/integrations" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> All integrations
      </Link>
      <div className="flex items-start gap-4">
        <ProviderLogo name={entry.name} logo={entry.logo} size="lg" />
        <div className="space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">{entry.name}</h1>
            <StatusBadge entry={entry} />
          </div>
          <p className="text-sm text-muted-foreground">{entry.description}</p>
          <p className="text-xs text-muted-foreground">
            {categoryLabels[entry.category]}
            {entry.docsUrl ? (
              <>
                {" · "}
                <a href={entry.docsUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-0.5 underline-offset-4 hover:underline">
                  {entry.name} documentation <ExternalLinkIcon className="size-3" aria-hidden="true" />
                </a>
              </>
            ) : null}
          </p>
        </div>
      </div>

      {errorMessage ? (
        <>
          {/* One message: the banner stays readable; the notice only cleans the URL (no toast). */}
          <Banner tone="error" title={`${entry.name} was not connected`}>{errorMessage}</Banner>
          <CallbackNotice kind="error" message={errorMessage} silent />
        </>
      ) : null}
      {connectedNow > 0 && live.length > 0 ? (
        <>
          <Banner tone="success" title={`${entry.name} is connected`}>
            {connectedNow > 1 ? `${connectedNow} ${entry.name} accounts were connected; each is listed below with its own status and logs.` : null}
          </Banner>
          <CallbackNotice kind="success" message={`${entry.name} is connected.`} />
        </>
      ) : null}
      {entry.status === "needs_reauth" ? (
        <Banner tone="warning" title={`${entry.name} needs reconnecting`}>
          {entry.name} no longer accepts the hub&apos;s access to {entry.connection?.displayName ?? "the default connection"} (it may have been revoked or expired). Reconnect to resume syncing.
        </Banner>
      ) : null}
      {entry.status === "pending" ? (
        <Banner
          tone="warning"
          title={`Choose which ${entry.name} organisations to connect`}
          action={
            canManage ? (
              <Link href={`/integrations/${entry.id}/choose-tenant`} className={buttonVariants({ size: "sm" })}>
                Choose organisations
              </Link>
            ) : null
          }
        >
          You authorised several organisations; each one you choose becomes its own connection.
        </Banner>
      ) : null}

      {needsSetup ? <SetupPanel entry={entry} canManage={canManage} /> : null}

      {live.length > 0 ? (
        <section aria-labelledby="connections-title" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="connections-title" className="text-lg font-semibold">Connections</h2>
            {canAdd && !adding ? (
              <Link href={`/integrations/${entry.id}?add=1`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                <PlusIcon aria-hidden="true" />
                Add another
              </Link>
            ) : null}
          </div>
          <ConnectionsList provider={entry.id} connections={live} now={now} />
          {entry.allowsSeveral ? null : (
            <p className="text-xs text-muted-foreground">{entry.name} connects one account per organisation; connecting again replaces it.</p>
          )}
        </section>
      ) : null}

      {adding ? <SetupPanel entry={entry} canManage={canManage} adding /> : null}

      <section aria-labelledby="activity-title" className="space-y-3">
        <h2 id="activity-title" className="text-lg font-semibold">Recent activity</h2>
        {logs.length ? (
          <>
            <AuditList entries={logs} actors={actors} showProvider={false} now={now} />
            <Link href={`/activity?provider=${entry.id}`} className="text-sm underline-offset-4 hover:underline">
              All {entry.name} activity
            </Link>
          </>
        ) : (
          <EmptyState icon={ListIcon} title="No activity yet" description={`Connecting, testing and disconnecting ${entry.name} is recorded here.`} />
        )}
      </section>
    </div>
  );
}
