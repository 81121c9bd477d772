import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { memberships, organisations } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db/client";

export type Role = "owner" | "admin" | "member";

/**
 * Who is asking, for which organisation. Every query of tenant data takes a Tenant and goes
 * through `scoped()`, so a row of another organisation can never be read or written.
 */
export type Tenant = { organisationId: string; userId: string; role: Role };

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(tenant: Tenant, min: Role): boolean {
  return rank[tenant.role] >= rank[min];
}

/** Integration management (connect, disconnect, settings) is for owners and admins. */
export const canManageIntegrations = (tenant: Tenant) => hasRole(tenant, "admin");

/** Thrown when a row does not exist for this organisation; routes answer 404 (never 403, to hide existence). */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(what = "Not found") {
    super(what);
  }
}

/** Thrown when the caller's role is too low; routes answer 403. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "Your role does not allow this. Ask an owner or admin of the organisation.") {
    super(message);
  }
}

export function requireRole(tenant: Tenant, min: Role): void {
  if (!hasRole(tenant, min)) throw new ForbiddenError();
}

/** The organisation filter for `table`, AND-ed with any further conditions. */
export function scoped(
  table: { organisationId: PgColumn },
  tenant: Pick<Tenant, "organisationId">,
  ...conditions: (SQL | undefined)[]
): SQL {
  return and(eq(table.organisationId, tenant.organisationId), ...conditions)!;
}

/**
 * Resolves the caller's tenant: the requested organisation if the user is a member of it, else
 * their first organisation. Returns null when the user belongs to none.
 */
export async function resolveTenant(db: DbOrTx, userId: string, requestedOrgId?: string | null): Promise<Tenant | null> {
  const rows = await db
    .select({ organisationId: memberships.organisationId, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
  const chosen = rows.find((r) => r.organisationId === requestedOrgId) ?? rows[0];
  return chosen ? { organisationId: chosen.organisationId, userId, role: chosen.role } : null;
}

/** The organisations a user belongs to, for the switcher. */
export async function listMemberships(db: DbOrTx, userId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
}
