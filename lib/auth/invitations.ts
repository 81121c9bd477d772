import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx, Db } from "@/lib/db/client";
import {
  closeInvitation,
  findOpenInvitation,
  insertInvitation,
  insertMembership,
  type InvitationDetails,
} from "@/lib/db/queries/invitations";
import { emailSchema, roleSchema } from "./schemas";
import { requireRole, type Tenant } from "./tenant";

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The one answer for every invitation that cannot be used — unknown, expired, revoked, already
 * answered, or sent to another email — so the page reveals nothing about which is the case.
 */
export const INVITATION_UNAVAILABLE = "This invitation is not available. It may have expired or been withdrawn, or it was sent to another email address.";

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });

/** Thrown for a refused invitation step; `field` names the form field when there is one. */
export class InvitationError extends Error {
  readonly field?: "email" | "role";
  constructor(message: string, field?: "email" | "role") {
    super(message);
    this.name = "InvitationError";
    this.field = field;
  }
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A token is 32 random bytes, base64url: 43 characters. Anything else is refused before any query. */
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * Invites `email` to the tenant's organisation (owners and admins; only owners invite owners).
 * Works the same whether or not the email has an account, so it tells the inviter nothing.
 * Returns the token: the link is `/invitations/<token>`; only its hash is stored.
 */
export async function createInvitation(db: DbOrTx, tenant: Tenant, input: unknown, now = new Date()): Promise<{ id: string; token: string; email: string; expiresAt: Date }> {
  requireRole(tenant, "admin");
  const { email, role } = inviteSchema.parse(input);
  if (role === "owner" && tenant.role !== "owner") throw new InvitationError("Only an owner can invite another owner.", "role");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const { id } = await insertInvitation(db, { organisationId: tenant.organisationId, email, role, tokenHash: hashToken(token), invitedBy: tenant.userId, expiresAt });
  return { id, token, email, expiresAt };
}

/** The invitation behind a link, only for the signed-in person it was sent to; else undefined. */
export async function invitationForUser(db: DbOrTx, token: string, user: { email: string }): Promise<InvitationDetails | undefined> {
  if (!tokenShape.test(token)) return undefined;
  const inv = await findOpenInvitation(db, hashToken(token));
  return inv && inv.email === user.email.toLowerCase() ? inv : undefined;
}

/**
 * Answers an invitation as the signed-in user whose email it was sent to: accept adds the
 * membership, decline only closes it. One transaction with the invitation row locked, so a link
 * is used once. Returns the organisation joined (accept) or null (decline).
 */
export async function answerInvitation(db: Db, token: string, user: { id: string; email: string }, answer: "accept" | "decline"): Promise<string | null> {
  if (!tokenShape.test(token)) throw new InvitationError(INVITATION_UNAVAILABLE);
  return db.transaction(async (tx) => {
    const inv = await findOpenInvitation(tx, hashToken(token), { lock: true });
    if (!inv || inv.email !== user.email.toLowerCase()) throw new InvitationError(INVITATION_UNAVAILABLE);
    await closeInvitation(tx, inv.id, answer === "accept" ? "accepted" : "declined");
    if (answer === "decline") return null;
    await insertMembership(tx, inv.organisationId, user.id, inv.role);
    return inv.organisationId;
  });
}

/** Withdraws an open invitation of the tenant's organisation (owners and admins). */
export async function revokeInvitation(db: DbOrTx, tenant: Tenant, invitationId: string): Promise<void> {
  requireRole(tenant, "admin");
  const closed = await closeInvitation(db, z.string().min(1).max(100).parse(invitationId), "revoked", tenant.organisationId);
  if (!closed) throw new InvitationError("This invitation is no longer open.");
}
