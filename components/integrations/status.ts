import type { IntegrationStatus } from "@/lib/connections/catalog";

/**
 * What a card or detail header shows: the organisation's connection status, except that a
 * provider whose adapter is not built yet reads "Coming soon" rather than "Not connected", and a
 * connected connection whose last health check failed reads "Last check failed", not a green
 * "Connected".
 */
export type DisplayStatus = IntegrationStatus | "coming_soon" | "check_failed";

/** The catalog facts that decide the badge. */
export interface StatusInput {
  status: IntegrationStatus;
  availability: "available" | "coming_soon";
  /** The connection the badge stands for; its last health check can turn "Connected" into a problem. */
  connection?: { lastHealthOk: boolean | null } | null;
}

export function displayStatus(entry: StatusInput): DisplayStatus {
  // A coming-soon provider can still carry a connection made before (or by a later release);
  // its real status wins over the availability flag then.
  if (entry.availability === "coming_soon" && entry.status === "not_connected") return "coming_soon";
  if (entry.status === "connected" && entry.connection?.lastHealthOk === false) return "check_failed";
  return entry.status;
}

export const statusLabels: Record<DisplayStatus, string> = {
  connected: "Connected",
  needs_reauth: "Needs reconnect",
  error: "Error",
  check_failed: "Last check failed",
  pending: "Choose an organisation",
  not_connected: "Not connected",
  coming_soon: "Coming soon",
};

/** Badge variants from components/ui/badge. */
export const statusVariants: Record<DisplayStatus, "success" | "warning" | "destructive" | "secondary" | "outline"> = {
  connected: "success",
  needs_reauth: "warning",
  error: "destructive",
  check_failed: "warning",
  pending: "warning",
  not_connected: "outline",
  coming_soon: "secondary",
};

/**
 * Connected-section membership: connections that exist and work or need attention. A pending
 * one (a Xero authorisation whose organisation was never chosen) is not connected to anything.
 */
export const isActiveConnection = (s: IntegrationStatus) => s === "connected" || s === "needs_reauth" || s === "error";

/** Whether a card speaks of syncing: only where a connection exists that could sync. */
export const showsSyncState = (entry: StatusInput) => isActiveConnection(entry.status);

/** What one connection row contributes to its provider's card. */
export interface ConnectionHealth {
  status: IntegrationStatus | "disconnected";
  lastHealthOk: boolean | null;
}

const urgency: DisplayStatus[] = ["needs_reauth", "error", "check_failed", "connected"];

/**
 * The badge of a provider's marketplace card when it has several connections: the most urgent
 * state among the live ones, so one failing Xero organisation is not hidden behind a working
 * default. Null when none is live (the card then shows the catalog's own status).
 */
export function worstConnectionStatus(connections: ConnectionHealth[]): DisplayStatus | null {
  const states = connections
    .filter((c): c is ConnectionHealth & { status: IntegrationStatus } => c.status !== "disconnected" && isActiveConnection(c.status))
    .map((c) => displayStatus({ status: c.status, availability: "available", connection: c }));
  return urgency.find((u) => states.includes(u)) ?? null;
}
