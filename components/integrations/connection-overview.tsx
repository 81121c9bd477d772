import { CheckCircle2Icon, CircleAlertIcon, CircleDashedIcon } from "lucide-react";
import type { CatalogEntry } from "@/lib/connections/catalog";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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

/** The Overview tab: account, scopes, health, last error and settings of one connection. */
export function ConnectionOverview({ entry, now }: { entry: CatalogEntry; now: Date }) {
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
                <When iso={c.connectedAt} now={now} />
              </Row>
            ) : null}
            {publicFields.map(([name, value]) => (
              <Row key={name} label={fieldLabel(name)}>
                {value}
              </Row>
            ))}
            <Row label={c ? "Granted scopes" : "Scopes requested"}>
              {scopes.length ? (
                <ul className="flex flex-wrap gap-1.5" aria-label="Scopes">
                  {scopes.map((s) => (
                    <li key={s}>
                      <Badge variant="outline" className="font-mono">{s}</Badge>
                    </li>
                  ))}
                </ul>
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
        <Card className="gap-2">
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
        </Card>
        <Card className="gap-2">
          <CardHeader>
            <CardTitle>Settings</CardTitle>
            <CardDescription>Read-only for now: editing settings arrives with sync in a later release.</CardDescription>
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
