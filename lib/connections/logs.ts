import type { AccessContext } from "@/lib/auth/access";
import { auditActionLabels, listAuditEntries, type AuditCursor } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { IntegrationError } from "./errors";

/** One log line of a connection as the API shows it (no organisation, no internal columns). */
export interface ConnectionLogEntry {
  id: string;
  action: string;
  label: string;
  actorUserId: string | null;
  details: unknown;
  createdAt: string;
}

/** A connection's own log, newest first; NOT_CONNECTED for an id outside the organisation. */
export async function connectionLogs(db: Db, ctx: AccessContext, connectionId: string, opts: { limit: number; before?: AuditCursor }): Promise<ConnectionLogEntry[]> {
  if (!(await findConnectionById(db, ctx, connectionId))) throw new IntegrationError("NOT_CONNECTED");
  const rows = await listAuditEntries(db, ctx, { connectionId, limit: opts.limit, before: opts.before });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    label: auditActionLabels[r.action as AuditAction] ?? r.action,
    actorUserId: r.actorUserId,
    details: r.details,
    createdAt: r.createdAt.toISOString(),
  }));
}
