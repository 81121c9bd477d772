import Link from "next/link";
import type { CatalogEntry } from "@/lib/connections/catalog";
import { Card } from "@/components/ui/card";
import { ProviderLogo } from "./provider-logo";
import { showsSyncState, type DisplayStatus } from "./status";
import { StatusBadge } from "./status-badge";
import { absoluteTime, lastSyncText } from "./time";

/**
 * One provider in the marketplace; `status` is the most urgent state of its connections. The whole card is one link to the detail page (where
 * connecting happens), so keyboard users get a single tab stop per provider.
 */
export function IntegrationCard({ entry, now, status }: { entry: CatalogEntry; now: Date; status?: DisplayStatus | null }) {
  const lastSync = entry.connection?.lastSyncAt ?? null;
  // "Never synced" only where a connection exists; elsewhere it would read as a failure.
  const showSync = showsSyncState(entry);
  return (
    <Card className="relative h-full gap-3 p-4 transition-colors focus-within:ring-2 focus-within:ring-ring hover:bg-accent/40">
      <div className="flex items-start gap-3">
        <ProviderLogo name={entry.name} logo={entry.logo} />
        <div className="min-w-0 flex-1 space-y-1">
          <h3 className="truncate font-medium leading-tight">
            <Link href={`/integrations/${entry.id}`} className="outline-none after:absolute after:inset-0 after:content-['']">
              {entry.name}
            </Link>
          </h3>
          <StatusBadge entry={entry} status={status} />
        </div>
      </div>
      <p className="line-clamp-2 text-sm text-muted-foreground">{entry.description}</p>
      {showSync ? (
        <p className="mt-auto text-xs text-muted-foreground">
          {lastSync ? <time dateTime={lastSync} title={absoluteTime(lastSync)}>{lastSyncText(lastSync, now)}</time> : lastSyncText(null, now)}
          {entry.connection?.externalAccountName ? <> · {entry.connection.externalAccountName}</> : null}
        </p>
      ) : null}
    </Card>
  );
}
