import Link from "next/link";
import { auditActionLabels, type AuditAction, type AuditEntry } from "@/lib/audit";
import { getManifest } from "@/integrations";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { absoluteTime, relativeTime } from "./time";

/** How an actor is shown: a member's name or email; system entries and former members have none. */
export type ActorNames = Map<string, string>;

/** Props of the audit table shared by the Activity page and a provider's Logs tab. */
export interface AuditListProps {
  entries: AuditEntry[];
  actors: ActorNames;
  /** Hide the provider column on a provider's own Logs tab. */
  showProvider?: boolean;
  now: Date;
}

export const actionLabel = (action: string) => auditActionLabels[action as AuditAction] ?? action;

/** Details are flat, secret-free values (lib/audit enforces it); shown whole as "key: value" pairs, wrapping rather than cut off. */
function detailsText(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");
}

function actorName(entry: AuditEntry, actors: ActorNames): string {
  if (!entry.actorUserId) return "System";
  return actors.get(entry.actorUserId) ?? "Former member";
}

export function AuditList({ entries, actors, showProvider = true, now }: AuditListProps) {
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>Action</TableHead>
            {showProvider ? <TableHead>Integration</TableHead> : null}
            <TableHead>By</TableHead>
            <TableHead className="hidden md:table-cell">Details</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((e) => {
            const providerName = e.provider ? (getManifest(e.provider)?.name ?? e.provider) : null;
            return (
              <TableRow key={e.id} data-action={e.action}>
                <TableCell className="whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()} title={absoluteTime(e.createdAt)}>
                    {relativeTime(e.createdAt, now)}
                  </time>
                </TableCell>
                <TableCell className="font-medium">{actionLabel(e.action)}</TableCell>
                {showProvider ? (
                  <TableCell>
                    {e.provider && providerName ? (
                      <Link href={`/integrations/${e.provider}`} className="underline-offset-4 hover:underline">
                        {providerName}
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                ) : null}
                <TableCell>{actorName(e, actors)}</TableCell>
                <TableCell className="hidden max-w-md whitespace-normal text-muted-foreground [overflow-wrap:anywhere] md:table-cell">
                  {detailsText(e.details) || "—"}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
