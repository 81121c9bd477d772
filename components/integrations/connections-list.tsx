import Link from "next/link";
import { StarIcon } from "lucide-react";
import type { ConnectionView } from "@/lib/connections/view";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { displayStatus, statusLabels, statusVariants } from "./status";

/** A row's badge: its status, with a failed last check shown as a problem rather than "Connected". */
const rowStatus = (c: ConnectionView) => (c.status === "disconnected" ? "not_connected" : displayStatus({ status: c.status, availability: "available", connection: c }));
import { absoluteTime, relativeTime } from "./time";

/** Props of a provider's connections table. */
export interface ConnectionsListProps {
  provider: string;
  connections: ConnectionView[];
  now: Date;
}

/** A provider's connections: name (to its own page), account, status, default badge, last check. */
export function ConnectionsList({ provider, connections, now }: ConnectionsListProps) {
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table aria-label="Connections">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead className="hidden sm:table-cell">Account</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="hidden md:table-cell">Last check</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {connections.map((c) => (
            <TableRow key={c.id} data-connection-id={c.id}>
              <TableCell className="font-medium">
                <span className="inline-flex flex-wrap items-center gap-2">
                  <Link href={`/integrations/${provider}/${c.id}`} className="underline-offset-4 hover:underline">
                    {c.displayName}
                  </Link>
                  {c.isDefault ? (
                    <Badge variant="secondary" className="gap-1" title="Provider-level actions use this connection">
                      <StarIcon className="size-3" aria-hidden="true" />
                      Default
                    </Badge>
                  ) : null}
                </span>
              </TableCell>
              <TableCell className="hidden text-muted-foreground sm:table-cell">{c.externalAccountName ?? c.externalAccountId ?? "—"}</TableCell>
              <TableCell>
                <Badge variant={statusVariants[rowStatus(c)]} data-status={rowStatus(c)}>
                  {c.status === "disconnected" ? "Disconnected" : statusLabels[rowStatus(c)]}
                </Badge>
              </TableCell>
              <TableCell className="hidden text-muted-foreground md:table-cell">
                {c.lastHealthCheckAt ? (
                  <time dateTime={c.lastHealthCheckAt} title={absoluteTime(c.lastHealthCheckAt)}>
                    {relativeTime(c.lastHealthCheckAt, now)}
                  </time>
                ) : (
                  "Never"
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
