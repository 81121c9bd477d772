import { memberships, organisations, users } from "@/drizzle/schema";
import type { Role, Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/** Test helper: a new user with `role` in an existing organisation, returned as that user's Tenant. */
export async function addMember(
  db: DbOrTx,
  organisationId: string,
  role: Role = "admin",
  email = `${crypto.randomUUID()}@example.test`,
): Promise<Tenant> {
  const [user] = await db.insert(users).values({ email, name: email.split("@")[0] }).returning();
  await db.insert(memberships).values({ organisationId, userId: user!.id, role });
  return { organisationId, userId: user!.id, role };
}

/** Test helper: an organisation with one user of `role`, returned as that user's Tenant. */
export async function createTenant(db: DbOrTx, name = "Test Org", role: Role = "admin"): Promise<Tenant> {
  const [org] = await db.insert(organisations).values({ name }).returning();
  return addMember(db, org!.id, role);
}
