import { eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, organisations, users } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";
import { timeZoneField } from "@/lib/accounting/fields";
import { addMemberSchema, organisationNameSchema } from "@/lib/auth/schemas";
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
export async function organisationTimeZone(db: DbOrTx, tenant: Tenant): Promise<string> {
  const [org] = await db
    .select({ timeZone: organisations.timeZone })
    .from(organisations)
    .where(eq(organisations.id, tenant.organisationId))
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

/** Why adding a member failed, in words for the form. */
export type AddMemberResult = { ok: true } | { ok: false; field: "email" | "role"; message: string };

/**
 * Adds an existing user (found by email) to the tenant's organisation. Owners and admins may add
 * members and admins; only an owner may make someone an owner.
 */
export async function addMemberByEmail(db: DbOrTx, tenant: Tenant, input: unknown): Promise<AddMemberResult> {
  requireRole(tenant, "admin");
  const { email, role } = addMemberSchema.parse(input);
  if (role === "owner" && tenant.role !== "owner") {
    return { ok: false, field: "role", message: "Only an owner can add another owner." };
  }
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!user) {
    return { ok: false, field: "email", message: "No user with this email. Ask them to sign up first." };
  }
  const inserted = await db
    .insert(memberships)
    .values({ organisationId: tenant.organisationId, userId: user.id, role })
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  if (inserted.length === 0) return { ok: false, field: "email", message: "This user is already a member." };
  return { ok: true };
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
