import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon, ExternalLinkIcon, ListIcon, RefreshCwIcon, WebhookIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { AuditList } from "@/components/integrations/audit-list";
import { loadActorNames } from "@/components/integrations/audit-actors";
import { Banner } from "@/components/integrations/banner";
import { CallbackNotice } from "@/components/integrations/callback-notice";
import { ConnectionOverview } from "@/components/integrations/connection-overview";
import { DisconnectButton } from "@/components/integrations/disconnect-button";
import { callbackErrorMessage } from "@/components/integrations/messages";
import { ProviderLogo } from "@/components/integrations/provider-logo";
import { SetupPanel } from "@/components/integrations/setup-panel";
import { StatusBadge } from "@/components/integrations/status-badge";
import { TestConnectionButton } from "@/components/integrations/test-connection-button";
import { buttonVariants } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { getManifest } from "@/integrations";
import { listAuditEntries } from "@/lib/audit";
import { userContext } from "@/lib/auth/access";
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

/** One provider: status, setup or management, and the Overview / Sync / Webhooks / Logs tabs. */
export default async function IntegrationDetailPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { provider } = await params;
  // Unknown ids 404 before any tenant data is read; the page never branches on specific ids.
  if (!getManifest(provider)) notFound();
  const tenant = await requireTenant();
  const db = await getDb();
  const [entry, logs, actors] = await Promise.all([
    getIntegrationStatus(db, userContext(tenant), provider),
    listAuditEntries(db, tenant, { provider, limit: 20 }),
    loadActorNames(db, tenant),
  ]);
  const query = await searchParams;
  const errorMessage = callbackErrorMessage(first(query.error), entry.name);
  const justConnected = first(query.connected) === "1" && entry.status === "connected";
  const canManage = canManageIntegrations(tenant);
  const hasConnection = entry.connection !== null;
  const needsSetup = entry.status === "not_connected" || entry.status === "needs_reauth" || entry.status === "error";
  const now = new Date();

  return (
    <div className="space-y-6">
      <Link href="/integrations" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> All integrations
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
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
        {canManage && hasConnection && entry.status !== "pending" ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            <TestConnectionButton provider={entry.id} providerName={entry.name} />
            <DisconnectButton provider={entry.id} providerName={entry.name} revokesToken={entry.authMode === "oauth2"} />
          </div>
        ) : canManage && entry.status === "pending" ? (
          <DisconnectButton provider={entry.id} providerName={entry.name} revokesToken={entry.authMode === "oauth2"} />
        ) : null}
      </div>

      {errorMessage ? (
        <>
          <Banner tone="error" title={`${entry.name} was not connected`}>{errorMessage}</Banner>
          <CallbackNotice kind="error" message={errorMessage} />
        </>
      ) : null}
      {justConnected ? (
        <>
          <Banner tone="success" title={`${entry.name} is connected`}>
            {entry.connection?.externalAccountName ? `Connected to ${entry.connection.externalAccountName}.` : null}
          </Banner>
          <CallbackNotice kind="success" message={`${entry.name} is connected.`} />
        </>
      ) : null}
      {entry.status === "needs_reauth" ? (
        <Banner tone="warning" title={`${entry.name} needs reconnecting`}>
          {entry.name} no longer accepts the hub&apos;s access (it may have been revoked or expired). Reconnect to resume syncing.
        </Banner>
      ) : null}
      {entry.status === "pending" ? (
        <Banner
          tone="warning"
          title={`Choose which ${entry.name} organisation to connect`}
          action={
            canManage ? (
              <Link href={`/integrations/${entry.id}/choose-tenant`} className={buttonVariants({ size: "sm" })}>
                Choose organisation
              </Link>
            ) : null
          }
        >
          You authorised several organisations; the connection is finished once one is chosen.
        </Banner>
      ) : null}

      {needsSetup ? <SetupPanel entry={entry} canManage={canManage} /> : null}

      <Tabs defaultValue="overview" className="gap-4">
        <TabsList className="w-full justify-start overflow-x-auto sm:w-fit">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="sync">Sync</TabsTrigger>
          <TabsTrigger value="webhooks">Webhooks</TabsTrigger>
          <TabsTrigger value="logs">Logs</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <ConnectionOverview entry={entry} now={now} />
        </TabsContent>
        <TabsContent value="sync">
          <EmptyState
            icon={RefreshCwIcon}
            title="Sync arrives in a later release"
            description={
              entry.capabilities.sync.length
                ? `${entry.name} will sync ${entry.capabilities.sync.join(", ")}. Nothing is synced yet.`
                : `Nothing is synced with ${entry.name} yet.`
            }
          />
        </TabsContent>
        <TabsContent value="webhooks">
          <EmptyState
            icon={WebhookIcon}
            title="Webhooks arrive in a later release"
            description={
              entry.capabilities.webhooks
                ? `The hub will receive ${entry.name}'s signed webhooks here. None are received yet.`
                : `${entry.name} does not send webhooks to the hub.`
            }
          />
        </TabsContent>
        <TabsContent value="logs" className="space-y-3">
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
        </TabsContent>
      </Tabs>
    </div>
  );
}
