import { CheckCircle2Icon, CircleAlertIcon, CircleDashedIcon } from "lucide-react";
import type { CatalogEntry } from "@/lib/connections/catalog";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ScopeList } from "./scope-list";
import { absoluteTime, relativeTime } from "./time";

const authModeLabels: Record<string, string> = {
  oauth2: "OAuth 2.0 (sign in at the provider)",
  api_key: "API key",
  basic: "Username and password",
  webhook_url: "Webhook address",
};

function When({ iso, now }: { iso: string; now: Date }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

/** Settings are flat values (catalog.settingsSchema); shown as a read-only list for now. */
function settingsEntries(settings: unknown): [string, string][] {
  if (!settings || typeof settings !== "object") return [];
  return Object.entries(settings as Record<string, unknown>).map(([k, v]) => [k, v === null ? "—" : String(v)]);
}

/** Props of the Overview tab. */
export interface ConnectionOverviewProps {
  entry: CatalogEntry;
  now: Date;
  /** When this connection was last (re)connected; a reconnect keeps the row, so not its creation time. */
  connectedSince?: string;
}

/** The Overview tab: account, scopes, health, last error and settings of one connection. */
export function ConnectionOverview({ entry, now, connectedSince }: ConnectionOverviewProps) {
  // A coming-soon provider has no live adapter: no Health card promising a live call.
  const live = entry.availability === "available";
  const c = entry.connection;
  const scopes = c?.scopes.length ? c.scopes : entry.scopes;
  const settings = settingsEntries(c?.settings);
  const publicFields = Object.entries(c?.fields ?? {});
  const fieldLabel = (name: string) => entry.fields.find((f) => f.name === name)?.label ?? name;
  return (
    <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
      <Card className="gap-2">
        <CardHeader>
          <CardTitle>Connection</CardTitle>
          <CardDescription>{authModeLabels[entry.authMode] ?? entry.authMode}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y">
            <Row label="Connected account">
              {c?.externalAccountName ? <span data-testid="connected-account">{c.externalAccountName}</span> : <span className="text-muted-foreground">None yet</span>}
            </Row>
            {c ? (
              <Row label="Connected since">
                <When iso={connectedSince ?? c.connectedAt} now={now} />
              </Row>
            ) : null}
            {publicFields.map(([name, value]) => (
              <Row key={name} label={fieldLabel(name)}>
                {value}
              </Row>
            ))}
            <Row label={c ? "Granted scopes" : "Scopes requested"}>
              {scopes.length ? (
                <ScopeList scopes={scopes} label="Scopes" />
              ) : (
                <span className="text-muted-foreground">{entry.authMode === "oauth2" ? "None" : "Not applicable (key-based)"}</span>
              )}
            </Row>
            {c?.tokenExpiresAt ? (
              <Row label="Access token renews">
                <When iso={c.tokenExpiresAt} now={now} /> <span className="text-muted-foreground">(refreshed automatically)</span>
              </Row>
            ) : null}
          </dl>
        </CardContent>
      </Card>
      <div className="space-y-6">
        {live ? <Card className="gap-2" data-testid="health-card">
          <CardHeader>
            <CardTitle>Health</CardTitle>
            <CardDescription>A live call to the provider, on demand and on a schedule.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Row label="Last check">
                {c?.lastHealthCheckAt ? <When iso={c.lastHealthCheckAt} now={now} /> : <span className="text-muted-foreground">Never checked</span>}
              </Row>
              <Row label="Result">
                {c?.lastHealthOk === true ? (
                  <span className="inline-flex items-center gap-1.5 text-success"><CheckCircle2Icon className="size-4" aria-hidden="true" />Working</span>
                ) : c?.lastHealthOk === false ? (
                  <span className="inline-flex items-center gap-1.5 text-destructive"><CircleAlertIcon className="size-4" aria-hidden="true" />Failed</span>
                ) : (
                  <span className="inline-flex items-center gap-1.5 text-muted-foreground"><CircleDashedIcon className="size-4" aria-hidden="true" />Unknown</span>
                )}
              </Row>
              <Row label="Last error">
                {c?.lastError ? (
                  <span className="text-destructive">
                    {c.lastError}
                    {c.lastErrorAt ? <span className="text-muted-foreground"> (<When iso={c.lastErrorAt} now={now} />)</span> : null}
                  </span>
                ) : (
                  <span className="text-muted-foreground">None</span>
                )}
              </Row>
            </dl>
          </CardContent>
        </Card> : null}
        <Card className="gap-2">
          <CardHeader>
            <CardTitle>Settings</CardTitle>
            <CardDescription>Read-only: set when the connection was made. What syncs, and how, is on the Sync tab.</CardDescription>
          </CardHeader>
          <CardContent>
            {settings.length ? (
              <dl className="divide-y">
                {settings.map(([k, v]) => (
                  <Row key={k} label={k}>{v}</Row>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">No settings have been changed; the defaults apply.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
