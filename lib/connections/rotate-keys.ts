import { eq } from "drizzle-orm";
import { oauthStates } from "@/drizzle/schema";
import { audit } from "@/lib/audit";
import { decrypt, encrypt, keyVersionOf, loadKeyring, type Key } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { connectionsWithCredentialsAfter, deleteDeadStates, lockConnection, statesAfter, updateConnection } from "@/lib/db/queries/connections";

/** What a rotation did, for the command's output and the audit entry. */
export interface RotationReport {
  toVersion: number;
  connectionsRotated: number;
  connectionsCurrent: number;
  statesRotated: number;
  statesDeleted: number;
}

/**
 * Re-encrypts every connection's credentials and every live OAuth state's verifier under the
 * newest key of the ring, in batches (one transaction per batch, rows locked so a concurrent
 * token refresh cannot be overwritten with stale ciphertext). Idempotent: rows already under the
 * newest key are skipped, so an interrupted run can simply be started again.
 */
export async function rotateKeys(db: Db, opts: { ring?: Key[]; batchSize?: number; log?: (msg: string) => void } = {}): Promise<RotationReport> {
  const ring = opts.ring ?? loadKeyring();
  const batchSize = opts.batchSize ?? 100;
  const toVersion = ring[0].version;
  const report: RotationReport = { toVersion, connectionsRotated: 0, connectionsCurrent: 0, statesRotated: 0, statesDeleted: 0 };

  let cursor = "";
  for (;;) {
    const batch = await connectionsWithCredentialsAfter(db, cursor, batchSize);
    if (batch.length === 0) break;
    await db.transaction(async (tx) => {
      for (const { id } of batch) {
        const row = await lockConnection(tx, id);
        if (!row?.credentials) continue;
        if (keyVersionOf(row.credentials) === toVersion) {
          report.connectionsCurrent += 1;
          continue;
        }
        // Decrypt/re-encrypt the envelope as text: works for tokens, fields and pending choices alike.
        const plain = decrypt(row.credentials, row.id, ring);
        await updateConnection(tx, row.id, { credentials: encrypt(plain, row.id, ring) });
        report.connectionsRotated += 1;
      }
    });
    cursor = batch[batch.length - 1].id;
    opts.log?.(`connections: ${report.connectionsRotated} re-encrypted, ${report.connectionsCurrent} already current`);
  }

  report.statesDeleted = await deleteDeadStates(db);
  cursor = "";
  for (;;) {
    const batch = await statesAfter(db, cursor, batchSize);
    if (batch.length === 0) break;
    await db.transaction(async (tx) => {
      for (const s of batch) {
        if (keyVersionOf(s.codeVerifier) === toVersion) continue;
        const plain = decrypt(s.codeVerifier, s.id, ring);
        await tx.update(oauthStates).set({ codeVerifier: encrypt(plain, s.id, ring) }).where(eq(oauthStates.id, s.id));
        report.statesRotated += 1;
      }
    });
    cursor = batch[batch.length - 1].id;
  }
  opts.log?.(`oauth states: ${report.statesRotated} re-encrypted, ${report.statesDeleted} long-expired deleted`);

  await audit(db, {
    organisationId: null, actorUserId: null, action: "keys.rotated",
    details: { toVersion, connectionsRotated: report.connectionsRotated, statesRotated: report.statesRotated },
  });
  return report;
}
