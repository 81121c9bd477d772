import type { QueryScope } from "@/lib/auth/access";
import { and, eq, or } from "drizzle-orm";
import { z } from "zod";
import { memberships, organisations, users } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { timeZoneField } from "@/lib/accounting/fields";
import { memberIdSchema, memberRoleSchema, organisationNameSchema } from "@/lib/auth/schemas";
import { bumpSessionVersion } from "./users";
import { NotFoundError, requireRole, resolveTenant, type Role, type Tenant } from "@/lib/auth/tenant";

/** A member of an organisation as the settings page lists it. */
export interface MemberRow {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** The organisation's time zone setting. */
export const timeZoneSchema = z.object({ timeZone: timeZoneField() });

// At creation the zone comes from the browser (a hidden field); one the runtime does not know
// falls back to UTC rather than refusing the organisation, since nobody typed it.
const createTimeZone = z.object({ timeZone: timeZoneField().optional().catch(undefined) });

/**
 * Creates an organisation with `userId` as its owner, in one transaction. `input.timeZone`
 * (the browser's zone) becomes its time zone; UTC when absent or unknown.
 */
export async function createOrganisation(db: DbOrTx, userId: string, input: unknown): Promise<{ id: string; name: string }> {
  const { name } = organisationNameSchema.parse(input);
  const { timeZone } = createTimeZone.parse(input ?? {});
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ name, timeZone }).returning({ id: organisations.id, name: organisations.name });
    await tx.insert(memberships).values({ organisationId: org.id, userId, role: "owner" });
    return org;
  });
}

export async function getOrganisation(
  db: DbOrTx, tenant: Tenant,
): Promise<{ id: string; name: string; timeZone: string; createdAt: Date }> {
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name, timeZone: organisations.timeZone, createdAt: organisations.createdAt })
    .from(organisations)
    .where(eq(organisations.id, tenant.organisationId))
    .limit(1);
  if (!org) throw new NotFoundError("Organisation not found");
  return org;
}

/** The IANA time zone in which the organisation's "today" and "this month" are reckoned. */
export async function organisationTimeZone(db: DbOrTx, ctx: QueryScope): Promise<string> {
  const [org] = await db
    .select({ timeZone: organisations.timeZone })
    .from(organisations)
    .where(eq(organisations.id, ctx.organisationId))
    .limit(1);
  return org?.timeZone ?? "UTC";
}

/** Changes the organisation's time zone; owners and admins only. */
export async function setOrganisationTimeZone(db: DbOrTx, tenant: Tenant, input: unknown): Promise<void> {
  requireRole(tenant, "admin");
  const { timeZone } = timeZoneSchema.parse(input);
  await db.update(organisations).set({ timeZone }).where(eq(organisations.id, tenant.organisationId));
}

/** Renames the tenant's organisation; owners and admins only. */
export async function renameOrganisation(db: DbOrTx, tenant: Tenant, input: unknown): Promise<void> {
  requireRole(tenant, "admin");
  const { name } = organisationNameSchema.parse(input);
  await db.update(organisations).set({ name }).where(eq(organisations.id, tenant.organisationId));
}

export async function listMembers(db: DbOrTx, tenant: Tenant): Promise<MemberRow[]> {
  return db
    .select({
      userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, tenant.organisationId))
    .orderBy(memberships.createdAt);
}

/** Thrown when a member change would break a rule; the message is for the owner's screen. */
export class MembershipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MembershipError";
  }
}

const LAST_OWNER = "An organisation needs at least one owner: make someone else an owner first.";

/**
 * Locks the organisation's owner rows and the target's row for the rest of the transaction, so
 * two owners demoting or removing each other at once cannot leave the organisation ownerless.
 */
async function lockForMemberChange(tx: DbOrTx, organisationId: string, userId: string) {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), or(eq(memberships.role, "owner"), eq(memberships.userId, userId))))
    .for("update");
  const target = rows.find((r) => r.userId === userId);
  if (!target) throw new NotFoundError("Member not found");
  return { target, owners: rows.filter((r) => r.role === "owner").length };
}

/** Changes a member's role (owners only). The last owner cannot be demoted. */
export async function changeMemberRole(db: DbOrTx, tenant: Tenant, input: unknown): Promise<void> {
  requireRole(tenant, "owner");
  const { userId, role } = memberRoleSchema.parse(input);
  await db.transaction(async (tx) => {
    const { target, owners } = await lockForMemberChange(tx, tenant.organisationId, userId);
    if (target.role === "owner" && role !== "owner" && owners <= 1) throw new MembershipError(LAST_OWNER);
    await tx.update(memberships).set({ role }).where(and(eq(memberships.organisationId, tenant.organisationId), eq(memberships.userId, userId)));
  });
}

/**
 * Removes a member (owners only). The last owner cannot be removed. The removed user's sessions
 * end (session version bumped in the same transaction), so an open tab cannot keep reading.
 */
export async function removeMember(db: DbOrTx, tenant: Tenant, input: unknown): Promise<void> {
  requireRole(tenant, "owner");
  const { userId } = memberIdSchema.parse(input);
  await db.transaction(async (tx) => {
    const { target, owners } = await lockForMemberChange(tx, tenant.organisationId, userId);
    if (target.role === "owner" && owners <= 1) throw new MembershipError(LAST_OWNER);
    await tx.delete(memberships).where(and(eq(memberships.organisationId, tenant.organisationId), eq(memberships.userId, userId)));
    await bumpSessionVersion(tx, userId);
  });
}

/**
 * The tenant for `organisationId` if the user belongs to it. Used before setting the active
 * organisation cookie; a non-member gets NotFoundError so the id's existence is not revealed.
 */
export async function tenantForOrganisation(db: DbOrTx, userId: string, organisationId: string): Promise<Tenant> {
  const tenant = await resolveTenant(db, userId, organisationId);
  if (!tenant || tenant.organisationId !== organisationId) throw new NotFoundError("Organisation not found");
  return tenant;
}
