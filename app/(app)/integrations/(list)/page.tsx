import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { IntegrationCard } from "@/components/integrations/integration-card";
import { MarketplaceBrowser, type BrowserItem, type BrowserSection } from "@/components/integrations/marketplace-browser";
import { parseFilter } from "@/components/integrations/filter";
import { isActiveConnection, worstConnectionStatus, type ConnectionHealth } from "@/components/integrations/status";
import { userContext } from "@/lib/auth/access";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { categoryLabels, listCatalog, type CatalogEntry } from "@/lib/connections/catalog";
import { getDb } from "@/lib/db/client";
import { listConnectionRows } from "@/lib/db/queries/connections";

export const metadata: Metadata = { title: "Integrations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The marketplace: what this organisation has connected, then every provider by category. */
export default async function IntegrationsPage({ searchParams }: { searchParams: SearchParams }) {
  const tenant = await requireTenant();
  const db = await getDb();
  const ctx = userContext(tenant);
  const [catalog, rows] = await Promise.all([listCatalog(db, ctx), listConnectionRows(db, ctx)]);
  // Each card's badge is its most urgent connection, not only the default one.
  const health = new Map<string, ConnectionHealth[]>();
  for (const r of rows) health.set(r.provider, [...(health.get(r.provider) ?? []), { status: r.status, lastHealthOk: r.lastHealthOk === null ? null : r.lastHealthOk === 1 }]);
  const now = new Date();
  const item = (e: CatalogEntry): BrowserItem => ({
    id: e.id,
    name: e.name,
    description: e.description,
    category: e.category,
    categoryLabel: categoryLabels[e.category],
    node: <IntegrationCard entry={e} now={now} status={worstConnectionStatus(health.get(e.id) ?? [])} />,
  });
  // A pending connection (an unfinished Xero authorisation) is not connected: it stays in its
  // category, where its card says "Choose an organisation".
  const connected = catalog.connected.filter((e) => isActiveConnection(e.status));
  const connectedIds = new Set(connected.map((e) => e.id));
  const sections: BrowserSection[] = [
    ...(connected.length
      ? [{ key: "connected", title: "Connected", description: "Integrations this organisation uses.", items: connected.map(item) }]
      : []),
    // Connected providers are listed once, in the Connected section, so every card is unique.
    ...catalog.categories.map((c) => ({
      key: c.category,
      title: c.label,
      items: c.integrations.filter((e) => !connectedIds.has(e.id)).map(item),
    })),
  ];
  const categoryOptions = catalog.categories.map((c) => ({ value: c.category, label: c.label }));
  const filter = parseFilter(await searchParams, categoryOptions.map((c) => c.value));
  const readOnly = !canManageIntegrations(tenant);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Integrations"
        description={
          readOnly
            ? "Connections of this organisation. You have read-only access; owners and admins connect and disconnect."
            : "Connect payment gateways, accounting platforms, automation, chat and more to this organisation."
        }
      />
      {connected.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-3 text-sm text-muted-foreground">
          Nothing is connected yet. Choose an integration below to see what it does and connect it.
        </p>
      ) : null}
      <MarketplaceBrowser sections={sections} categories={categoryOptions} initialFilter={filter} />
    </div>
  );
}
