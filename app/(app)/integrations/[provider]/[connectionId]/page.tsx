import type { Metadata } from "next";
import Link from "next/link";
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
import { SyncTab } from "@/components/sync/sync-tab";
import { Badge } from "@/components/ui/badge";
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
import { syncEntitiesOf } from "@/lib/sync/provider";

type Params = Promise<{ provider: string; connectionId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Connection" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** One connection: its status and actions, and the Overview / Sync / Webhooks / Logs tabs. */
export default async function ConnectionPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { provider, connectionId } = await params;
  // Not a connection id: a 404 before any tenant data is read (the layout already checked the provider).
  if (!z.uuid().safeParse(connectionId).success) notFound();
  const tenant = await requireTenant();
  const ctx = userContext(tenant);
  const db = await getDb();
  const [found, entry, logs, actors, reconnectedAt] = await Promise.all([
    connectionForPage(db, ctx, provider, connectionId),
    getIntegrationStatus(db, ctx, provider),
    listAuditEntries(db, ctx, { connectionId, limit: 50 }),
    loadActorNames(db, tenant),
    lastConnectedAt(db, ctx, connectionId),
  ]);
  // Another organisation's id reads as "no such page", never as "forbidden".
  if (!found) notFound();
  const { connection: c, sharesGrant } = found;
  const manifest = getManifest(provider)!;
  const status: IntegrationStatus = c.status === "disconnected" ? "not_connected" : c.status;
  const here = { ...entry, status, connection: status === "not_connected" ? null : c };
  const canManage = canManageIntegrations(tenant);
  const live = c.status !== "disconnected" && c.status !== "pending";
  const justConnected = first((await searchParams).connected) === "1" && c.status === "connected";
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

      <Tabs defaultValue="overview" className="gap-4">
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
            title="Sync arrives in a later release"
            description={
              manifest.capabilities.sync.length
                ? `This connection will sync ${manifest.capabilities.sync.join(", ")}. Nothing is synced yet.`
                : `Nothing is synced with ${manifest.name} yet.`
            }
          />
          )}
        </TabsContent>
        <TabsContent value="webhooks">
          <EmptyState
            icon={WebhookIcon}
            title="Webhooks arrive in a later release"
            description={
              manifest.capabilities.webhooks
                ? `The hub will receive ${manifest.name}'s signed webhooks for this connection here. None are received yet.`
                : `${manifest.name} does not send webhooks to the hub.`
            }
          />
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
