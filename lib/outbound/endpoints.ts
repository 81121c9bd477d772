import { and, asc, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { webhookEndpoints, webhookEndpointSecrets } from "@/drizzle/schema";
import { auditAs } from "@/lib/audit";
import { requireActorRole, type AccessContext } from "@/lib/auth/access";
import { NotFoundError, scoped } from "@/lib/auth/tenant";
import { decrypt, encrypt } from "@/lib/crypto";
import type { DbOrTx } from "@/lib/db/client";
import { generateSecret, ROTATION_OVERLAP_MS } from "./secrets";
import { checkEndpointUrl, type UrlCheckOptions } from "./url";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type EndpointStatus = EndpointRow["status"];

/** What creating an endpoint takes (already zod-checked at the boundary). */
export interface EndpointInput {
  url: string;
  description?: string;
  eventTypes: string[];
  headers?: Record<string, string>;
  secret?: string;
}

/** What an edit may change; `status` pauses or resumes (a disabled endpoint resumes too). */
export type EndpointPatch = Partial<Omit<EndpointInput, "secret">> & { status?: "active" | "paused" };

/** One endpoint of the context's organisation, or 404 (another organisation's id looks missing). */
export async function getEndpointRow(db: DbOrTx, ctx: AccessContext, id: string): Promise<EndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(scoped(webhookEndpoints, ctx, eq(webhookEndpoints.id, id)));
  if (!row) throw new NotFoundError("Webhook endpoint not found");
  return row;
}

/** The organisation's endpoints, oldest first. */
export function listEndpointRows(db: DbOrTx, ctx: AccessContext): Promise<EndpointRow[]> {
  return db.select().from(webhookEndpoints).where(scoped(webhookEndpoints, ctx)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id)).limit(500);
}

const secretRow = (endpointId: string, organisationId: string, secret: string, expiresAt: Date | null = null) => {
  const id = crypto.randomUUID();
  return { id, endpointId, organisationId, secret: encrypt(secret, id), expiresAt };
};

/** Creates an endpoint with its first secret (generated unless supplied). Admin/owner. */
export async function createEndpoint(db: DbOrTx, ctx: AccessContext, input: EndpointInput, urlCheck: UrlCheckOptions = {}): Promise<EndpointRow> {
  requireActorRole(ctx, "admin");
  await checkEndpointUrl(input.url, urlCheck);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(webhookEndpoints).values({
      organisationId: ctx.organisationId,
      url: input.url,
      description: input.description ?? "",
      eventTypes: [...new Set(input.eventTypes)],
      headers: input.headers ?? {},
    }).returning();
    await tx.insert(webhookEndpointSecrets).values(secretRow(row!.id, ctx.organisationId, input.secret ?? generateSecret()));
    await auditAs(tx, ctx, { action: "webhook_endpoint.created", details: { endpointId: row!.id, url: row!.url } });
    return row!;
  });
}

/**
 * Edits an endpoint. Resuming (`status: "active"`) also clears a disabled endpoint's reason and
 * failure run; the caller re-queues its pending deliveries (lib/outbound/deliveries.ts).
 */
export async function updateEndpoint(db: DbOrTx, ctx: AccessContext, id: string, patch: EndpointPatch, urlCheck: UrlCheckOptions = {}): Promise<{ row: EndpointRow; resumed: boolean }> {
  requireActorRole(ctx, "admin");
  const before = await getEndpointRow(db, ctx, id);
  if (patch.url !== undefined && patch.url !== before.url) await checkEndpointUrl(patch.url, urlCheck);
  const resumed = patch.status === "active" && before.status !== "active";
  const [row] = await db.update(webhookEndpoints).set({
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.eventTypes !== undefined ? { eventTypes: [...new Set(patch.eventTypes)] } : {}),
    ...(patch.headers !== undefined ? { headers: patch.headers } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(resumed ? { disabledReason: null, failingSince: null } : {}),
    updatedAt: new Date(),
  }).where(scoped(webhookEndpoints, ctx, eq(webhookEndpoints.id, id))).returning();
  if (!row) throw new NotFoundError("Webhook endpoint not found");
  await auditAs(db, ctx, { action: "webhook_endpoint.updated", details: { endpointId: id, changed: Object.keys(patch) } });
  return { row, resumed };
}

/** Deletes an endpoint with its secrets, deliveries and attempts. */
export async function deleteEndpoint(db: DbOrTx, ctx: AccessContext, id: string): Promise<void> {
  requireActorRole(ctx, "admin");
  const row = await getEndpointRow(db, ctx, id);
  await db.delete(webhookEndpoints).where(scoped(webhookEndpoints, ctx, eq(webhookEndpoints.id, id)));
  await auditAs(db, ctx, { action: "webhook_endpoint.deleted", details: { endpointId: id, url: row.url } });
}

/** The secrets that sign now, newest first: the current one and a rotated-out one still inside its 24 h. */
export async function activeSecrets(db: DbOrTx, endpointId: string, now = new Date()): Promise<{ secret: string; expiresAt: Date | null }[]> {
  const rows = await secretRows(db, [endpointId], now);
  return rows.map((r) => ({ secret: decrypt(r.secret, r.id), expiresAt: r.expiresAt }));
}

const secretRows = (db: DbOrTx, endpointIds: string[], now: Date) => db.select().from(webhookEndpointSecrets)
  .where(and(inArray(webhookEndpointSecrets.endpointId, endpointIds), or(isNull(webhookEndpointSecrets.expiresAt), gt(webhookEndpointSecrets.expiresAt, now))))
  .orderBy(desc(webhookEndpointSecrets.createdAt));

/**
 * The signing secrets of several endpoints in one query, newest first, decrypted: per endpoint
 * its secrets, or the Error of one that no longer decrypts (a changed key ring; the try records it).
 */
export async function activeSecretsOf(db: DbOrTx, endpointIds: string[], now = new Date()): Promise<Map<string, string[] | Error>> {
  const out = new Map<string, string[] | Error>();
  if (endpointIds.length === 0) return out;
  for (const r of await secretRows(db, [...new Set(endpointIds)], now)) {
    const have = out.get(r.endpointId) ?? [];
    if (have instanceof Error) continue;
    try {
      out.set(r.endpointId, [...have, decrypt(r.secret, r.id)]);
    } catch (err) {
      out.set(r.endpointId, err instanceof Error ? err : new Error("unknown"));
    }
  }
  return out;
}

/** The secret view an admin asks for explicitly. */
export interface SecretView {
  secret: string;
  previousSecret?: string;
  previousExpiresAt?: string;
}

const viewOf = (secrets: { secret: string; expiresAt: Date | null }[]): SecretView => {
  const current = secrets.find((s) => s.expiresAt === null) ?? secrets[0];
  if (!current) throw new NotFoundError("This endpoint has no secret");
  const previous = secrets.find((s) => s !== current && s.expiresAt !== null);
  return {
    secret: current.secret,
    ...(previous ? { previousSecret: previous.secret, previousExpiresAt: previous.expiresAt!.toISOString() } : {}),
  };
};

/** An endpoint's signing secret(s), for admins only. */
export async function getEndpointSecret(db: DbOrTx, ctx: AccessContext, id: string): Promise<SecretView> {
  requireActorRole(ctx, "admin");
  await getEndpointRow(db, ctx, id);
  return viewOf(await activeSecrets(db, id));
}

/**
 * Rotates the secret: a new current secret, the old one keeps signing for 24 h beside it (older
 * rotated-out secrets stop at once), so receivers can switch without a gap.
 */
export async function rotateEndpointSecret(db: DbOrTx, ctx: AccessContext, id: string, supplied?: string): Promise<SecretView> {
  requireActorRole(ctx, "admin");
  await getEndpointRow(db, ctx, id);
  const now = new Date();
  await db.transaction(async (tx) => {
    // End any earlier rotated-out secret now, then move the current one to a 24 h overlap.
    await tx.update(webhookEndpointSecrets).set({ expiresAt: now })
      .where(and(eq(webhookEndpointSecrets.endpointId, id), gt(webhookEndpointSecrets.expiresAt, now)));
    await tx.update(webhookEndpointSecrets).set({ expiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS) })
      .where(and(eq(webhookEndpointSecrets.endpointId, id), isNull(webhookEndpointSecrets.expiresAt)));
    await tx.insert(webhookEndpointSecrets).values(secretRow(id, ctx.organisationId, supplied ?? generateSecret()));
    await auditAs(tx, ctx, { action: "webhook_endpoint.secret_rotated", details: { endpointId: id } });
  });
  return viewOf(await activeSecrets(db, id));
}
