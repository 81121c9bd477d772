import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { ArrowLeftIcon, ListIcon, RefreshCwIcon, StarIcon, WebhookIcon } from "lucide-react";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { AuditList } from "@/components/integrations/audit-list";
import { loadActorNames } from "@/components/integrations/audit-actors";
import { Banner } from "@/components/integrations/banner";
import { CallbackNotice } from "@/components/integrations/callback-notice";
import { ConnectionOverview } from "@/components/integrations/connection-overview";
import { DisconnectButton } from "@/components/integrations/disconnect-button";
import { MakeDefaultButton } from "@/components/integrations/make-default-button";
import { ProviderLogo } from "@/components/integrations/provider-logo";
import { SetupPanel } from "@/components/integrations/setup-panel";
import { StatusBadge } from "@/components/integrations/status-badge";
import { TestConnectionButton } from "@/components/integrations/test-connection-button";
import { ConnectionWebhooks } from "@/components/inbound/connection-webhooks";
import { InboundEventLog } from "@/components/inbound/inbound-event-log";
import { SyncTab } from "@/components/sync/sync-tab";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { getManifest } from "@/integrations";
import { userContext } from "@/lib/auth/access";
import { listAuditEntries } from "@/lib/audit";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { getIntegrationStatus, type IntegrationStatus } from "@/lib/connections/catalog";
import { lastConnectedAt } from "@/lib/connections/health";
import { connectionForPage } from "@/lib/connections/manage";
import { getDb } from "@/lib/db/client";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { inboundModule } from "@/lib/inbound/modules";
import { syncEntitiesOf } from "@/lib/sync/provider";

type Params = Promise<{ provider: string; connectionId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Connection" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const tabs = ["overview", "sync", "webhooks", "logs"] as const;
type Tab = (typeof tabs)[number];
/** `?tab=webhooks` opens that tab (the webhook log's filters keep it in the URL). */
const isTab = (v: string | undefined): v is Tab => (tabs as readonly string[]).includes(v ?? "");

/** One connection: its status and actions, and the Overview / Sync / Webhooks / Logs tabs. */
export default async function ConnectionPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { provider, connectionId } = await params;
  // Not a connection id: a 404 before any tenant data is read (the layout already checked the provider).
  if (!z.uuid().safeParse(connectionId).success) notFound();
  const tenant = await requireTenant();
  const ctx = userContext(tenant);
  const db = await getDb();
  const query = await searchParams;
  const [found, entry, logs, actors, reconnectedAt, timeZone] = await Promise.all([
    connectionForPage(db, ctx, provider, connectionId),
    getIntegrationStatus(db, ctx, provider),
    listAuditEntries(db, ctx, { connectionId, limit: 50 }),
    loadActorNames(db, tenant),
    lastConnectedAt(db, ctx, connectionId),
    organisationTimeZone(db, ctx),
  ]);
  // Another organisation's id reads as "no such page", never as "forbidden".
  if (!found) notFound();
  const { connection: c, sharesGrant } = found;
  const manifest = getManifest(provider)!;
  const status: IntegrationStatus = c.status === "disconnected" ? "not_connected" : c.status;
  const here = { ...entry, status, connection: status === "not_connected" ? null : c };
  const canManage = canManageIntegrations(tenant);
  const live = c.status !== "disconnected" && c.status !== "pending";
  const justConnected = first(query.connected) === "1" && c.status === "connected";
  const requestedTab = first(query.tab);
  const tab: Tab = isTab(requestedTab) ? requestedTab : "overview";
  const now = new Date();

  return (
    <div className="space-y-6">
      <Link href={`/integrations/${provider}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> {manifest.name} connections
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex items-start gap-4">
          <ProviderLogo name={manifest.name} logo={manifest.logo} size="lg" />
          <div className="space-y-1.5">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-2xl font-semibold tracking-tight">{c.displayName}</h1>
              <StatusBadge entry={here} />
              {c.isDefault ? (
                <Badge variant="secondary" className="gap-1">
                  <StarIcon className="size-3" aria-hidden="true" />
                  Default
                </Badge>
              ) : null}
            </div>
            <p className="text-sm text-muted-foreground">
              {manifest.name}
              {c.externalAccountName && c.externalAccountName !== c.displayName ? ` · ${c.externalAccountName}` : null}
            </p>
          </div>
        </div>
        {canManage && live ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            <TestConnectionButton connectionId={c.id} providerName={manifest.name} />
            {!c.isDefault && c.status === "connected" ? <MakeDefaultButton connectionId={c.id} connectionName={c.displayName} /> : null}
            <DisconnectButton
              connectionId={c.id}
              providerName={manifest.name}
              connectionName={c.displayName}
              afterHref={`/integrations/${provider}`}
              sharesGrant={sharesGrant}
              revokesToken={c.authMode === "oauth2"}
            />
          </div>
        ) : null}
      </div>

      {justConnected ? (
        <>
          <Banner tone="success" title={`${manifest.name} is connected`}>
            {c.externalAccountName ? `Connected to ${c.externalAccountName}.` : null}
          </Banner>
          <CallbackNotice kind="success" message={`${manifest.name} is connected.`} />
        </>
      ) : null}
      {c.status === "disconnected" ? (
        <Banner tone="warning" title="This connection is disconnected">
          Its credentials were deleted. Its logs stay here; connect {manifest.name} again from the provider page to resume.
        </Banner>
      ) : null}
      {c.status === "needs_reauth" ? (
        <Banner tone="warning" title={`${c.displayName} needs reconnecting`}>
          {manifest.name} no longer accepts the hub&apos;s access (it may have been revoked or expired). Reconnect to resume syncing.
        </Banner>
      ) : null}
      {c.status === "needs_reauth" || c.status === "error" ? <SetupPanel entry={here} canManage={canManage} /> : null}

      <Tabs defaultValue={tab} className="gap-4">
        <TabsList className="w-full justify-start overflow-x-auto sm:w-fit">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="sync">Sync</TabsTrigger>
          <TabsTrigger value="webhooks">Webhooks</TabsTrigger>
          <TabsTrigger value="logs">Logs</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <ConnectionOverview entry={here} now={now} connectedSince={reconnectedAt?.toISOString()} />
        </TabsContent>
        <TabsContent value="sync">
          {live && syncEntitiesOf(provider).length ? (
            <SyncTab connectionId={c.id} providerName={manifest.name} canManage={canManage} />
          ) : (
            <EmptyState
              icon={RefreshCwIcon}
              title={live ? `The hub does not sync with ${manifest.name}` : "Sync is paused"}
              description={
                !live
                  ? `Nothing syncs while this connection is not connected; reconnect ${manifest.name} to resume.`
                  : manifest.capabilities.sync.length
                    ? `${manifest.name} holds ${manifest.capabilities.sync.join(", ")}, but the hub does not sync them yet: today it syncs with Xero and QuickBooks.`
                    : `${manifest.name} has no records for the hub to sync.`
              }
            />
          )}
        </TabsContent>
        <TabsContent value="webhooks" className="space-y-6">
          {/* The tab follows the hub's receivers (a provider's webhooks.ts), not the manifest's capability flag. */}
          {inboundModule(provider) ? (
            <>
              <ConnectionWebhooks connectionId={c.id} providerName={manifest.name} timeZone={timeZone} canManage={canManage} />
              <section className="space-y-3">
                <h2 className="text-lg font-semibold">Received events</h2>
                <Suspense fallback={<Skeleton className="h-64 w-full" />}>
                  <InboundEventLog
                    timeZone={timeZone}
                    canReplay={canManage}
                    path={`/integrations/${provider}/${c.id}`}
                    connectionId={c.id}
                    providerLabel={manifest.name}
                    hidden={{ tab: "webhooks" }}
                    emptyHint={`Paste the webhook URL above into ${manifest.name}'s webhook settings; each delivery then shows here with how it was processed.`}
                  />
                </Suspense>
              </section>
            </>
          ) : (
            <EmptyState icon={WebhookIcon} title={`No ${manifest.name} webhooks`} description={`The hub does not receive ${manifest.name}'s webhooks.`} />
          )}
        </TabsContent>
        <TabsContent value="logs" className="space-y-3">
          {logs.length ? (
            <AuditList entries={logs} actors={actors} showProvider={false} now={now} />
          ) : (
            <EmptyState icon={ListIcon} title="No activity yet" description="Connecting, testing and disconnecting this connection is recorded here." />
          )}
        </TabsContent>
      </Tabs>
    </div>
  );
}
