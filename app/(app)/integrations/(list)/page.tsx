import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { IntegrationCard } from "@/components/integrations/integration-card";
import { MarketplaceBrowser, type BrowserItem, type BrowserSection } from "@/components/integrations/marketplace-browser";
import { parseFilter } from "@/components/integrations/filter";
import { isActiveConnection } from "@/components/integrations/status";
import { userContext } from "@/lib/auth/access";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { categoryLabels, listCatalog, type CatalogEntry } from "@/lib/connections/catalog";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Integrations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The marketplace: what this organisation has connected, then every provider by category. */
export default async function IntegrationsPage({ searchParams }: { searchParams: SearchParams }) {
  const tenant = await requireTenant();
  const catalog = await listCatalog(await getDb(), userContext(tenant));
  const now = new Date();
  const item = (e: CatalogEntry): BrowserItem => ({
    id: e.id,
    name: e.name,
    description: e.description,
    category: e.category,
    categoryLabel: categoryLabels[e.category],
    node: <IntegrationCard entry={e} now={now} />,
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
