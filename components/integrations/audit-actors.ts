import type { Tenant } from "@/lib/auth/tenant";
import type { DbOrTx } from "@/lib/db/client";
import { listMembers } from "@/lib/db/queries/organisations";
import type { ActorNames } from "./audit-list";

/** Names of the organisation's members for the audit "By" column (scoped through listMembers). */
export async function loadActorNames(db: DbOrTx, tenant: Tenant): Promise<ActorNames> {
  const members = await listMembers(db, tenant);
  return new Map(members.map((m) => [m.userId, m.name ?? m.email]));
}
