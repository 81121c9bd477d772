import { and, desc, eq, gt, sql } from "drizzle-orm";
import { invitations, memberships, organisations, users } from "@/drizzle/schema";
import type { Role, Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** An open invitation as the settings page lists it (never the token or its hash). */
export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  invitedByName: string | null;
}

/** What the invitation page shows to the invited person. */
export interface InvitationDetails {
  id: string;
  organisationId: string;
  organisationName: string;
  email: string;
  role: Role;
  invitedByName: string | null;
  expiresAt: Date;
}

/** Closes any open invitation of the same email, then inserts the new one (one open link per person). */
export async function insertInvitation(
  db: DbOrTx,
  values: { organisationId: string; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ status: "revoked", closedAt: new Date() })
      .where(and(eq(invitations.organisationId, values.organisationId), eq(invitations.email, values.email), eq(invitations.status, "pending")));
    const [row] = await tx.insert(invitations).values(values).returning({ id: invitations.id });
    return row!;
  });
}

export async function listPendingInvitations(db: DbOrTx, tenant: Pick<Tenant, "organisationId">): Promise<PendingInvitation[]> {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, invitedByName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.organisationId, tenant.organisationId), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(desc(invitations.createdAt));
}

/** The open, unexpired invitation with this token hash, with the organisation's name. */
export async function findOpenInvitation(db: DbOrTx, tokenHash: string, opts: { lock?: boolean } = {}): Promise<InvitationDetails | undefined> {
  const q = db
    .select({
      id: invitations.id,
      organisationId: invitations.organisationId,
      organisationName: organisations.name,
      email: invitations.email,
      role: invitations.role,
      invitedByName: users.name,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tokenHash, tokenHash), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`)))
    .limit(1);
  const [row] = opts.lock ? await q.for("update", { of: invitations }) : await q;
  return row;
}

/** Marks an open invitation answered or revoked; returns false when it was not open any more. */
export async function closeInvitation(db: DbOrTx, id: string, status: "accepted" | "declined" | "revoked", organisationId?: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ status, closedAt: new Date() })
    .where(and(eq(invitations.id, id), eq(invitations.status, "pending"), organisationId ? eq(invitations.organisationId, organisationId) : undefined))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Adds the membership an accepted invitation grants; an existing membership keeps its role. */
export async function insertMembership(db: DbOrTx, organisationId: string, userId: string, role: Role): Promise<void> {
  await db.insert(memberships).values({ organisationId, userId, role }).onConflictDoNothing();
}
