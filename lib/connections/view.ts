import { getManifest } from "@/integrations";
import type { ConnectionRow } from "@/lib/db/queries/connections";
import { openCredentials } from "./credentials";

/**
 * A connection as the API and pages see it. Built field by field (never by spreading the row)
 * so credentials cannot leak; `fields` holds only the manifest's non-secret fields.
 */
export interface ConnectionView {
  id: string;
  provider: string;
  /** What people call it: the name given in the hub, else the provider account's name, else the provider's. */
  displayName: string;
  /** Whether provider-level routes and pages act on this connection. */
  isDefault: boolean;
  status: ConnectionRow["status"];
  authMode: string;
  externalAccountId: string | null;
  externalAccountName: string | null;
  scopes: string[];
  tokenExpiresAt: string | null;
  settings: unknown;
  fields: Record<string, string>;
  refreshFailures: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastHealthCheckAt: string | null;
  lastHealthOk: boolean | null;
  lastSyncAt: string | null;
  connectedAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function publicFields(row: ConnectionRow): Record<string, string> {
  const manifest = getManifest(row.provider);
  if (!row.credentials || !manifest || manifest.fields.length === 0) return {};
  try {
    const creds = openCredentials(row.id, row.credentials);
    if (creds.kind !== "fields") return {};
    const out: Record<string, string> = {};
    for (const f of manifest.fields) if (!f.secret && creds.fields[f.name] !== undefined) out[f.name] = creds.fields[f.name];
    return out;
  } catch {
    // A key missing from the ring must not break listing; the health check reports it.
    return {};
  }
}

export function toConnectionView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    provider: row.provider,
    displayName: row.displayName ?? row.externalAccountName ?? getManifest(row.provider)?.name ?? row.provider,
    isDefault: row.isDefault,
    status: row.status,
    authMode: row.authMode,
    externalAccountId: row.externalAccountId,
    externalAccountName: row.externalAccountName,
    scopes: row.scopes,
    tokenExpiresAt: iso(row.expiresAt),
    settings: row.settings,
    fields: publicFields(row),
    refreshFailures: row.refreshFailures,
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    lastHealthCheckAt: iso(row.lastHealthCheckAt),
    lastHealthOk: row.lastHealthOk === null ? null : row.lastHealthOk === 1,
    lastSyncAt: iso(row.lastSyncAt),
    connectedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
