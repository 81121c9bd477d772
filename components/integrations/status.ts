import type { IntegrationStatus } from "@/lib/connections/catalog";

/**
 * What a card or detail header shows: the organisation's connection status, except that a
 * provider whose adapter is not built yet reads "Coming soon" rather than "Not connected".
 */
export type DisplayStatus = IntegrationStatus | "coming_soon";

/** The two catalog facts that decide the badge. */
export interface StatusInput {
  status: IntegrationStatus;
  availability: "available" | "coming_soon";
}

export function displayStatus(entry: StatusInput): DisplayStatus {
  // A coming-soon provider can still carry a connection made before (or by a later release);
  // its real status wins over the availability flag then.
  if (entry.availability === "coming_soon" && entry.status === "not_connected") return "coming_soon";
  return entry.status;
}

export const statusLabels: Record<DisplayStatus, string> = {
  connected: "Connected",
  needs_reauth: "Needs reconnect",
  error: "Error",
  pending: "Choose an organisation",
  not_connected: "Not connected",
  coming_soon: "Coming soon",
};

/** Badge variants from components/ui/badge. */
export const statusVariants: Record<DisplayStatus, "success" | "warning" | "destructive" | "secondary" | "outline"> = {
  connected: "success",
  needs_reauth: "warning",
  error: "destructive",
  pending: "warning",
  not_connected: "outline",
  coming_soon: "secondary",
};

/** Connected-section membership: anything the organisation has started or finished connecting. */
export const isActiveConnection = (s: IntegrationStatus) => s !== "not_connected";
