// npm run keys:rotate — re-encrypts every stored connection credential, pending OAuth state and webhook endpoint secret
// under the newest key in HUB_ENCRYPTION_KEYS. Procedure: prepend the new key (v2:…,v1:…), deploy,
// run this, then drop the old key. Safe to re-run: rows already under the newest key are skipped.
import { getDbHandle } from "@/lib/db/client";
import { rotateKeys } from "@/lib/connections/rotate-keys";
import { loadKeyring } from "@/lib/crypto";
import { rotateEndpointSecretKeys } from "@/lib/outbound/rotate-keys";

async function main() {
  const ring = loadKeyring();
  const batchSize = Number(process.env.ROTATE_BATCH_SIZE ?? 100);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("ROTATE_BATCH_SIZE must be a positive integer");
  console.log(`[keys:rotate] re-encrypting under key v${ring[0].version} (ring: ${ring.map((k) => "v" + k.version).join(", ")})`);
  const handle = await getDbHandle();
  try {
    const report = await rotateKeys(handle.db, { ring, batchSize, log: (m) => console.log(`[keys:rotate] ${m}`) });
    const secrets = await rotateEndpointSecretKeys(handle.db, { ring, batchSize });
    console.log(`[keys:rotate] webhook endpoint secrets: ${secrets.rotated} re-encrypted, ${secrets.current} already current`);
    console.log(`[keys:rotate] done: ${JSON.stringify(report)}`);
    console.log("[keys:rotate] every row now uses the newest key; older keys can be removed from HUB_ENCRYPTION_KEYS.");
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(`[keys:rotate] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
