import type { DbOrTx } from "@/lib/db/client";
import { seedDemo, type SeedResult } from "./demo";
import { isEmbeddedDefault } from "./embedded";

/**
 * What server start does about demo data: seed it in the embedded default, nothing otherwise
 * (production never gets the demo user, even when the seed is imported).
 */
export async function seedDemoIfEmbedded(db: DbOrTx, env: NodeJS.ProcessEnv = process.env): Promise<SeedResult | null> {
  if (!isEmbeddedDefault(env)) return null;
  return seedDemo(db);
}
