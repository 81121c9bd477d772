import { and, asc, gt, sql } from "drizzle-orm";
import { webhookEndpointSecrets } from "@/drizzle/schema";
import { decrypt, encrypt, keyVersionOf, loadKeyring, type Key } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";

/**
 * Re-encrypts every webhook endpoint secret under the newest key of the ring (`npm run
 * keys:rotate` runs it beside the connections' rotation): batches in id order, one UPDATE per
 * batch, rows already under the newest key skipped, so an interrupted run can start again.
 */
export async function rotateEndpointSecretKeys(db: Db, opts: { ring?: Key[]; batchSize?: number } = {}): Promise<{ rotated: number; current: number }> {
  const ring = opts.ring ?? loadKeyring();
  const toVersion = ring[0]!.version;
  const report = { rotated: 0, current: 0 };
  let cursor = "";
  for (;;) {
    const batch = await db.select({ id: webhookEndpointSecrets.id, secret: webhookEndpointSecrets.secret }).from(webhookEndpointSecrets)
      .where(and(gt(webhookEndpointSecrets.id, cursor))).orderBy(asc(webhookEndpointSecrets.id)).limit(opts.batchSize ?? 100);
    if (batch.length === 0) break;
    const stale = batch.filter((r) => keyVersionOf(r.secret) !== toVersion);
    if (stale.length > 0) {
      const values = sql.join(stale.map((r) => sql`(${r.id}, ${encrypt(decrypt(r.secret, r.id, ring), r.id, ring)})`), sql`, `);
      await db.execute(sql`update ${webhookEndpointSecrets} as t set secret = v.envelope from (values ${values}) as v(id, envelope) where t.id = v.id`);
    }
    report.rotated += stale.length;
    report.current += batch.length - stale.length;
    cursor = batch.at(-1)!.id;
  }
  return report;
}
