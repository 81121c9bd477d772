import { audit } from "@/lib/audit";
import { decrypt, encrypt, keyVersionOf, loadKeyring, type Key } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { deleteDeadStates, lockCredentialBatch, setEnvelopes, statesAfter } from "@/lib/db/queries/connections";

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
 * token refresh cannot be overwritten with stale ciphertext; one UPDATE per batch). Idempotent: rows already under the
 * newest key are skipped, so an interrupted run can simply be started again.
 */
export async function rotateKeys(db: Db, opts: { ring?: Key[]; batchSize?: number; log?: (msg: string) => void } = {}): Promise<RotationReport> {
  const ring = opts.ring ?? loadKeyring();
  const batchSize = opts.batchSize ?? 100;
  const toVersion = ring[0].version;
  const report: RotationReport = { toVersion, connectionsRotated: 0, connectionsCurrent: 0, statesRotated: 0, statesDeleted: 0 };

  // One transaction per batch: lock the batch, re-encrypt in memory, write it back in one UPDATE.
  // Envelopes are decrypted and re-encrypted as text, so tokens, fields and pending choices alike.
  let cursor = "";
  for (;;) {
    const last = await db.transaction(async (tx) => {
      const batch = await lockCredentialBatch(tx, cursor, batchSize);
      const stale = batch.filter((r) => keyVersionOf(r.credentials) !== toVersion);
      await setEnvelopes(tx, "connections", stale.map((r) => ({ id: r.id, envelope: encrypt(decrypt(r.credentials, r.id, ring), r.id, ring) })));
      report.connectionsRotated += stale.length;
      report.connectionsCurrent += batch.length - stale.length;
      return batch.at(-1)?.id;
    });
    if (!last) break;
    cursor = last;
    opts.log?.(`connections: ${report.connectionsRotated} re-encrypted, ${report.connectionsCurrent} already current`);
  }

  report.statesDeleted = await deleteDeadStates(db);
  cursor = "";
  for (;;) {
    const batch = await statesAfter(db, cursor, batchSize);
    if (batch.length === 0) break;
    const stale = batch.filter((s) => keyVersionOf(s.codeVerifier) !== toVersion);
    await setEnvelopes(db, "oauth_states", stale.map((s) => ({ id: s.id, envelope: encrypt(decrypt(s.codeVerifier, s.id, ring), s.id, ring) })));
    report.statesRotated += stale.length;
    cursor = batch[batch.length - 1].id;
  }
  opts.log?.(`oauth states: ${report.statesRotated} re-encrypted, ${report.statesDeleted} long-expired deleted`);

  await audit(db, {
    organisationId: null, actorUserId: null, action: "keys.rotated",
    details: { toVersion, connectionsRotated: report.connectionsRotated, statesRotated: report.statesRotated },
  });
  return report;
}
