import { memberships, organisations, users } from "@/drizzle/schema";
import type { Role, Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Test helper (used by integration tests only): an organisation with one user of `role`,
 * returned as that user's Tenant.
 */
export async function createTenant(db: DbOrTx, name = "Test Org", role: Role = "admin"): Promise<Tenant> {
  const [org] = await db.insert(organisations).values({ name }).returning();
  const [user] = await db
    .insert(users)
    .values({ email: `${crypto.randomUUID()}@example.test`, name: `${name} user` })
    .returning();
  await db.insert(memberships).values({ organisationId: org!.id, userId: user!.id, role });
  return { organisationId: org!.id, userId: user!.id, role };
}
