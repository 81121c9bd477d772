import { categories, listManifests, type Category, type Manifest } from "@/integrations";
import type { AccessContext } from "@/lib/auth/access";
import type { Db } from "@/lib/db/client";
import { findProviderConnection, listConnectionRows } from "@/lib/db/queries/connections";
import { allowsSeveralConnections } from "./account-policy";
import { providerOrThrow } from "./provider";
import { toConnectionView, type ConnectionView } from "./view";

export const categoryLabels: Record<Category, string> = {
  payments: "Payments", accounting: "Accounting", automation: "Automation", communication: "Communication",
  storage: "Storage", crm: "CRM", marketing: "Marketing", scheduling: "Scheduling", documents: "Documents",
};

/** `not_connected` when the organisation has no row (or disconnected it). */
export type IntegrationStatus = "not_connected" | "connected" | "needs_reauth" | "error" | "pending";

/** One catalog card / detail header: public manifest data plus this organisation's status. */
export interface CatalogEntry {
  id: string;
  name: string;
  description: string;
  category: Category;
  authMode: Manifest["authMode"];
  availability: Manifest["availability"];
  logo: Manifest["logo"];
  docsUrl: string | null;
  capabilities: Manifest["capabilities"];
  /** Scopes the hub asks for (OAuth), shown before connecting. */
  scopes: string[];
  /** The connection form for api_key / basic / webhook_url providers. */
  fields: Manifest["fields"];
  /** The default connection's status (what provider-level routes act on). */
  status: IntegrationStatus;
  /** The default connection, or the one provider-level routes act on. */
  connection: ConnectionView | null;
  /** How many live connections the organisation has to this provider. */
  connectionCount: number;
  /** Whether the organisation may add another connection to this provider. */
  allowsSeveral: boolean;
}

function entry(m: Manifest, connection: ConnectionView | null, connectionCount: number): CatalogEntry {
  const status: IntegrationStatus = !connection || connection.status === "disconnected" ? "not_connected" : connection.status;
  return {
    id: m.id, name: m.name, description: m.description, category: m.category, authMode: m.authMode,
    availability: m.availability, logo: m.logo, docsUrl: m.docsUrl ?? null, capabilities: m.capabilities,
    scopes: m.oauth?.scopes ?? [], fields: m.fields, status, connection: status === "not_connected" ? null : connection,
    connectionCount, allowsSeveral: allowsSeveralConnections(m),
  };
}

/** The marketplace: connected integrations first, then every category in the product's order. */
export async function listCatalog(db: Db, ctx: AccessContext): Promise<{
  connected: CatalogEntry[];
  categories: { category: Category; label: string; integrations: CatalogEntry[] }[];
}> {
  // Rows come default first per provider; the first live one stands for the provider's card.
  const byProvider = new Map<string, { first: ConnectionView; count: number }>();
  for (const r of await listConnectionRows(db, ctx)) {
    const seen = byProvider.get(r.provider);
    if (seen) seen.count += 1;
    else byProvider.set(r.provider, { first: toConnectionView(r), count: 1 });
  }
  const all = listManifests().map((m) => entry(m, byProvider.get(m.id)?.first ?? null, byProvider.get(m.id)?.count ?? 0));
  return {
    connected: all.filter((e) => e.status !== "not_connected"),
    categories: categories.map((c) => ({ category: c, label: categoryLabels[c], integrations: all.filter((e) => e.category === c) })),
  };
}

/** One integration's status for this organisation: its default connection and how many it has. */
export async function getIntegrationStatus(db: Db, ctx: AccessContext, provider: string): Promise<CatalogEntry & { connections: ConnectionView[] }> {
  const { manifest } = providerOrThrow(provider);
  const [row, rows] = await Promise.all([findProviderConnection(db, ctx, manifest.id), listConnectionRows(db, ctx, { provider: manifest.id })]);
  const live = rows.filter((r) => r.status !== "pending");
  return { ...entry(manifest, row ? toConnectionView(row) : null, live.length), connections: live.map(toConnectionView) };
}

