import { z } from "zod";
import { categories, listManifests, type Category, type Manifest } from "@/integrations";
import { requireRole, type Tenant } from "@/lib/auth/tenant";
import { audit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnection, listConnectionRows, updateConnection } from "@/lib/db/queries/connections";
import { IntegrationError } from "./errors";
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
  status: IntegrationStatus;
  connection: ConnectionView | null;
}

function entry(m: Manifest, connection: ConnectionView | null): CatalogEntry {
  const status: IntegrationStatus = !connection || connection.status === "disconnected" ? "not_connected" : connection.status;
  return {
    id: m.id, name: m.name, description: m.description, category: m.category, authMode: m.authMode,
    availability: m.availability, logo: m.logo, docsUrl: m.docsUrl ?? null, capabilities: m.capabilities,
    scopes: m.oauth?.scopes ?? [], fields: m.fields, status, connection: status === "not_connected" ? null : connection,
  };
}

/** The marketplace: connected integrations first, then every category in the product's order. */
export async function listCatalog(db: Db, tenant: Tenant): Promise<{
  connected: CatalogEntry[];
  categories: { category: Category; label: string; integrations: CatalogEntry[] }[];
}> {
  const rows = new Map((await listConnectionRows(db, tenant)).map((r) => [r.provider, toConnectionView(r)]));
  const all = listManifests().map((m) => entry(m, rows.get(m.id) ?? null));
  return {
    connected: all.filter((e) => e.status !== "not_connected"),
    categories: categories.map((c) => ({ category: c, label: categoryLabels[c], integrations: all.filter((e) => e.category === c) })),
  };
}

/** One integration's status for this organisation. */
export async function getIntegrationStatus(db: Db, tenant: Tenant, provider: string): Promise<CatalogEntry> {
  const { manifest } = providerOrThrow(provider);
  const row = await findConnection(db, tenant, manifest.id);
  return entry(manifest, row ? toConnectionView(row) : null);
}

/** Connection settings: flat values only; providers' own settings schemas narrow this later. */
export const settingsSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((s) => Object.keys(s).length <= 50, "too many settings");

/** Changes a connection's settings (owner/admin), audited with the names of the changed keys. */
export async function updateSettings(db: Db, tenant: Tenant, provider: string, input: unknown): Promise<ConnectionView> {
  requireRole(tenant, "admin");
  providerOrThrow(provider);
  const settings = settingsSchema.parse(input);
  const row = await findConnection(db, tenant, provider);
  if (!row || row.status === "disconnected") throw new IntegrationError("NOT_CONNECTED");
  const before = (row.settings ?? {}) as Record<string, unknown>;
  const merged = { ...before, ...settings };
  const changed = Object.keys(settings).filter((k) => before[k] !== settings[k]);
  const saved = await updateConnection(db, row.id, { settings: merged });
  if (changed.length) {
    await audit(db, { organisationId: tenant.organisationId, actorUserId: tenant.userId, action: "connection.settings_changed", provider, details: { changed } });
  }
  return toConnectionView(saved);
}
