import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type Key, loadKeyring } from "./keyring";

// Format: v<version>.<iv b64url>.<tag b64url>.<ciphertext b64url>. AES-256-GCM with a fresh 12-byte IV
// per message; `aad` binds a ciphertext to its row (e.g. connection id) so it cannot be moved.

export function encrypt(plaintext: string, aad: string, ring: Key[] = loadKeyring()): string {
  const { version, key } = ring[0];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v" + version, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function keyVersionOf(envelope: string): number {
  const m = /^v(\d+)\./.exec(envelope);
  if (!m) throw new Error("not an encrypted envelope");
  return Number(m[1]);
}

export function decrypt(envelope: string, aad: string, ring: Key[] = loadKeyring()): string {
  const parts = envelope.split(".");
  if (parts.length !== 4) throw new Error("not an encrypted envelope");
  const version = keyVersionOf(envelope);
  const key = ring.find((k) => k.version === version);
  if (!key) throw new Error(`encryption key v${version} is not in HUB_ENCRYPTION_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(parts[1], "base64url"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(parts[2], "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(parts[3], "base64url")), decipher.final()]).toString("utf8");
}

export function encryptJson(value: unknown, aad: string, ring?: Key[]): string {
  return encrypt(JSON.stringify(value), aad, ring);
}

export function decryptJson<T = unknown>(envelope: string, aad: string, ring?: Key[]): T {
  return JSON.parse(decrypt(envelope, aad, ring)) as T;
}
