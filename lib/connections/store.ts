import { randomUUID } from "node:crypto";
import type { connections } from "@/drizzle/schema";
import type { Tenant } from "@/lib/auth/tenant";
import type { Db } from "@/lib/db/client";
import { findConnection, insertConnection, lockConnection, updateConnection, type ConnectionRow } from "@/lib/db/queries/connections";

type Values = Partial<Omit<typeof connections.$inferInsert, "id" | "organisationId" | "provider">>;

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
};

/**
 * Creates or replaces the organisation's connection to `provider`. The row id is known before
 * the values are built because credentials are encrypted with the id as AAD. Two connects racing
 * for a new row: the loser's insert hits the unique index and is retried as an update.
 */
export async function saveConnection(
  db: Db,
  tenant: Tenant,
  provider: string,
  build: (id: string) => Values & { authMode: string },
): Promise<ConnectionRow> {
  const attempt = () =>
    db.transaction(async (tx) => {
      const existing = await findConnection(tx, tenant, provider);
      if (existing) {
        await lockConnection(tx, existing.id);
        return updateConnection(tx, existing.id, build(existing.id));
      }
      const id = randomUUID();
      return insertConnection(tx, { id, organisationId: tenant.organisationId, provider, ...build(id) });
    });
  try {
    return await attempt();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return attempt();
  }
}
