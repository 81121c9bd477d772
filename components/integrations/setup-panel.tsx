import { ClockIcon, LockIcon } from "lucide-react";
import type { CatalogEntry } from "@/lib/connections/catalog";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConnectFieldsForm } from "./connect-fields-form";
import { ConnectOAuthButton } from "./connect-oauth-button";
import { ScopeList } from "./scope-list";

/** Props of the connection setup screen of one provider. */
export interface SetupPanelProps {
  entry: CatalogEntry;
  canManage: boolean;
  /** Adding another connection beside the existing ones (a second Xero organisation, Stripe account). */
  adding?: boolean;
}

/**
 * The setup screen: an OAuth button (with the scopes it will ask for), or a form generated from
 * the manifest's fields. Coming-soon providers and members get an explanation instead of a button
 * (the API refuses them anyway).
 */
export function SetupPanel({ entry, canManage, adding = false }: SetupPanelProps) {
  const reconnect = !adding && (entry.status === "needs_reauth" || entry.status === "error");
  const title = adding ? `Add another ${entry.name} connection` : reconnect ? `Reconnect ${entry.name}` : `Connect ${entry.name}`;

  if (entry.availability === "coming_soon") {
    return (
      <Card className="gap-2">
        <CardHeader>
          <CardTitle className="flex items-center gap-2"><ClockIcon className="size-4" aria-hidden="true" />{entry.name} is coming soon</CardTitle>
          <CardDescription>The adapter for {entry.name} is not built yet, so it cannot be connected today.</CardDescription>
        </CardHeader>
      </Card>
    );
  }

  return (
    <Card className="gap-4" aria-labelledby="setup-title">
      <CardHeader>
        <CardTitle id="setup-title">{title}</CardTitle>
        <CardDescription>
          {entry.authMode === "oauth2"
            ? `You will sign in at ${entry.name} and approve access; the hub never sees your password.`
            : `The hub checks these details with ${entry.name} before saving them, encrypted. Secrets are never shown again.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {entry.authMode === "oauth2" && entry.scopes.length ? (
          <div className="space-y-2">
            <p className="text-sm font-medium">Access the hub asks for</p>
            <ScopeList scopes={entry.scopes} label="Requested scopes" />
          </div>
        ) : null}
        {!canManage ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <LockIcon className="size-4" aria-hidden="true" />
            Only owners and admins of this organisation can connect integrations.
          </p>
        ) : entry.authMode === "oauth2" ? (
          <ConnectOAuthButton provider={entry.id} providerName={entry.name} reconnect={reconnect} />
        ) : (
          <ConnectFieldsForm
            provider={entry.id}
            providerName={entry.name}
            authMode={entry.authMode}
            fields={entry.fields}
            initialValues={adding ? undefined : entry.connection?.fields}
            reconnect={reconnect}
          />
        )}
      </CardContent>
    </Card>
  );
}
