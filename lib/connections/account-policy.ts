import type { Manifest } from "@/integrations";

// Providers whose accounts an accounting team commonly holds several of: Xero organisations
// (tenants), QuickBooks companies (realms), Stripe accounts, Slack workspaces, SMTP servers.
const SEVERAL_ACCOUNTS = new Set(["xero", "quickbooks", "stripe", "slack", "email"]);

/**
 * Whether an organisation may hold several connections to this provider. Catch hooks (Zapier,
 * Make, n8n, Teams) are one hook per workflow or channel, so they are always several. Every other
 * provider keeps one connection, and connecting again replaces its account.
 */
export function allowsSeveralConnections(manifest: Pick<Manifest, "id" | "authMode">): boolean {
  return manifest.authMode === "webhook_url" || SEVERAL_ACCOUNTS.has(manifest.id);
}
