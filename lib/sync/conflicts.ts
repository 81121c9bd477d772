import { and, desc, eq, isNull } from "drizzle-orm";
import { syncConflicts } from "@/drizzle/schema";
import type { AccessContext } from "@/lib/auth/access";
import type { DbOrTx } from "@/lib/db/client";

export type ConflictPolicy = "newest" | "app" | "provider" | "ask";
export type ConflictWinner = "app" | "provider" | null;
export type ConflictRow = typeof syncConflicts.$inferSelect;
export type ConflictWrite = Omit<typeof syncConflicts.$inferInsert, "id" | "createdAt">;

/**
 * Who wins when a record changed on both sides since the last sync: the app, the provider, the
 * later change ("newest"; a tie goes to the provider, the ledger of record), or nobody yet
 * ("ask": a person picks a side on the Sync tab).
 */
export function decideConflict(policy: ConflictPolicy, localUpdatedAt: number, remoteUpdatedAt: number): ConflictWinner {
  switch (policy) {
    case "app": return "app";
    case "provider": return "provider";
    case "ask": return null;
    case "newest": return localUpdatedAt > remoteUpdatedAt ? "app" : "provider";
  }
}

/** A conflict row with both versions and how it was resolved (open when `winner` is null). */
export function conflictRow(base: Omit<ConflictWrite, "resolvedBy" | "resolution" | "resolvedAt">, winner: ConflictWinner): ConflictWrite {
  return { ...base, resolvedBy: winner ? base.policy : null, resolution: winner, resolvedAt: winner ? new Date() : null };
}

export async function recordConflicts(tx: DbOrTx, rows: ConflictWrite[]): Promise<void> {
  if (rows.length) await tx.insert(syncConflicts).values(rows);
}

/** A connection's conflicts, open ones first then the newest. */
export async function listConflicts(db: DbOrTx, ctx: AccessContext, connectionId: string, opts: { open?: boolean; limit?: number } = {}): Promise<ConflictRow[]> {
  return db.select().from(syncConflicts)
    .where(and(eq(syncConflicts.organisationId, ctx.organisationId), eq(syncConflicts.connectionId, connectionId), opts.open ? isNull(syncConflicts.resolvedAt) : undefined))
    .orderBy(desc(syncConflicts.createdAt)).limit(opts.limit ?? 100);
}
