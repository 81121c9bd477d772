import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { syncSettings } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import { IntegrationError } from "@/lib/connections/errors";
import type { DbOrTx } from "@/lib/db/client";
import { findConnectionById } from "@/lib/db/queries/connections";
import { PULL_ONLY_ENTITIES, PUSH_ONLY_ENTITIES, type SyncEntity } from "./fields";

export type SyncSettingsRow = typeof syncSettings.$inferSelect;
export type EntitySettings = Pick<SyncSettingsRow, "direction" | "enabled" | "schedule" | "conflictPolicy" | "deletePolicy" | "mapping">;

/** What a connection × entity syncs with until someone changes it. Customers are archived, never voided. */
export const defaultSettings = (entity: SyncEntity): EntitySettings => ({
  direction: PULL_ONLY_ENTITIES.includes(entity) ? "pull" : PUSH_ONLY_ENTITIES.includes(entity) ? "push" : "both", enabled: true, schedule: "hourly", conflictPolicy: "newest", deletePolicy: entity === "invoices" ? "void" : "archive", mapping: null,
});

export const settingsPatchSchema = z.object({
  direction: z.enum(["pull", "push", "both"]).optional(),
  enabled: z.boolean().optional(),
  schedule: z.enum(["manual", "hourly", "daily", "weekly", "realtime"]).optional(),
  conflictPolicy: z.enum(["newest", "app", "provider", "ask"]).optional(),
  deletePolicy: z.enum(["void", "archive", "ignore"]).optional(),
}).strict();

/** The settings of every entity of a connection (defaults where no row exists). */
export async function getEntitySettings(db: DbOrTx, ctx: AccessContext, connectionId: string, entity: SyncEntity): Promise<EntitySettings> {
  const [row] = await db.select().from(syncSettings).where(and(eq(syncSettings.organisationId, ctx.organisationId), eq(syncSettings.connectionId, connectionId), eq(syncSettings.entity, entity)));
  return row ?? defaultSettings(entity);
}

/** Changes one entity's settings (an upsert over the defaults) of a connection of the organisation. The caller checks the role. */
export async function saveEntitySettings(db: DbOrTx, ctx: AccessContext, connectionId: string, entity: SyncEntity, input: unknown): Promise<EntitySettings> {
  const patch = settingsPatchSchema.parse(input);
  if (!(await findConnectionById(db, ctx, connectionId))) throw new IntegrationError("NOT_CONNECTED");
  const current = await getEntitySettings(db, ctx, connectionId, entity);
  const next = { ...current, ...patch };
  await db.insert(syncSettings)
    .values({ organisationId: ctx.organisationId, connectionId, entity, ...next, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [syncSettings.connectionId, syncSettings.entity], set: { ...patch, updatedAt: new Date() } });
  return next;
}
