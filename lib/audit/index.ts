import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { insertAuditEntry, type AuditEntry } from "@/lib/db/queries/audit";

/** What the audit log records about integrations. */
export const auditActions = [
  "connection.connected",
  "connection.pending_choice",
  "connection.disconnected",
  "connection.refresh_failed",
  "connection.needs_reauth",
  "connection.tested",
  "connection.settings_changed",
  "keys.rotated",
] as const;
export type AuditAction = (typeof auditActions)[number];

// Details are for people reading the Activity page: flat, small, and never a secret. Keys that
// name a secret are refused outright, so a careless caller fails in tests, not in production.
const secretKey = /(token|secret|password|apikey|api_key|credential|verifier|authorization)/i;
const detailsSchema = z
  .record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]))
  .refine((d) => Object.keys(d).every((k) => !secretKey.test(k)), "audit details must not carry secrets");

/** One audit entry to write. `organisationId` null = system-wide (key rotation). */
export interface AuditInput {
  organisationId: string | null;
  actorUserId: string | null;
  action: AuditAction;
  provider?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log, in the caller's transaction when given one. */
export async function audit(db: DbOrTx, input: AuditInput): Promise<AuditEntry> {
  const details = detailsSchema.parse(input.details ?? {});
  return insertAuditEntry(db, {
    organisationId: input.organisationId,
    actorUserId: input.actorUserId,
    action: z.enum(auditActions).parse(input.action),
    provider: input.provider ?? null,
    details,
  });
}

/** Plain-language labels for the Activity page. */
export const auditActionLabels: Record<AuditAction, string> = {
  "connection.connected": "Connected",
  "connection.pending_choice": "Authorised, waiting for an organisation to be chosen",
  "connection.disconnected": "Disconnected",
  "connection.refresh_failed": "Token refresh failed",
  "connection.needs_reauth": "Needs reconnecting",
  "connection.tested": "Connection tested",
  "connection.settings_changed": "Settings changed",
  "keys.rotated": "Encryption keys rotated",
};

export { listAuditEntries, type AuditEntry } from "@/lib/db/queries/audit";
