import { z } from "zod";
import { actorUserId, type AccessContext } from "@/lib/auth/access";
import type { DbOrTx } from "@/lib/db/client";
import { insertAuditEntries, insertAuditEntry, type AuditEntry } from "@/lib/db/queries/audit";

/** What the audit log records about integrations. */
export const auditActions = [
  "connection.connected",
  "connection.pending_choice",
  "connection.disconnected",
  "connection.refresh_failed",
  "connection.needs_reauth",
  "connection.tested",
  "connection.settings_changed",
  "connection.renamed",
  "connection.made_default",
  "keys.rotated",
  "webhook_endpoint.created",
  "webhook_endpoint.updated",
  "webhook_endpoint.deleted",
  "webhook_endpoint.secret_rotated",
  "webhook_endpoint.disabled",
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
  /** The connection the entry is about (its own log); null for provider- or system-wide entries. */
  connectionId?: string | null;
  details?: Record<string, unknown>;
}

const toRow = (input: AuditInput) => ({
  organisationId: input.organisationId,
  actorUserId: input.actorUserId,
  action: z.enum(auditActions).parse(input.action),
  provider: input.provider ?? null,
  connectionId: input.connectionId ?? null,
  details: detailsSchema.parse(input.details ?? {}),
});

/** Appends to the audit log, in the caller's transaction when given one. */
export async function audit(db: DbOrTx, input: AuditInput): Promise<AuditEntry> {
  return insertAuditEntry(db, toRow(input));
}

/** Appends an entry for the context's organisation, recording its user (none for jobs, webhooks, keys). */
export function auditAs(db: DbOrTx, ctx: AccessContext, input: Omit<AuditInput, "organisationId" | "actorUserId">): Promise<AuditEntry> {
  return audit(db, { ...input, organisationId: ctx.organisationId, actorUserId: actorUserId(ctx) });
}

/** Several entries for the context's organisation in one INSERT (e.g. several accounts connected at once). */
export async function auditManyAs(db: DbOrTx, ctx: AccessContext, inputs: Omit<AuditInput, "organisationId" | "actorUserId">[]): Promise<void> {
  await insertAuditEntries(db, inputs.map((i) => toRow({ ...i, organisationId: ctx.organisationId, actorUserId: actorUserId(ctx) })));
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
  "connection.renamed": "Renamed",
  "connection.made_default": "Made the default connection",
  "keys.rotated": "Encryption keys rotated",
  "webhook_endpoint.created": "Webhook endpoint added",
  "webhook_endpoint.updated": "Webhook endpoint changed",
  "webhook_endpoint.deleted": "Webhook endpoint deleted",
  "webhook_endpoint.secret_rotated": "Webhook endpoint secret rotated",
  "webhook_endpoint.disabled": "Webhook endpoint disabled",
};

export { listAuditEntries, type AuditEntry, type AuditCursor } from "@/lib/db/queries/audit";
