import { randomBytes } from "node:crypto";
import { z } from "zod";
import { secretFromEnvOrDataDir } from "@/lib/data-dir";

/** One AES-256 key with its version number. The first key of the ring encrypts; all decrypt. */
export type Key = { version: number; key: Buffer };

const keyringSchema = z
  .string()
  .min(1)
  .transform((s) => s.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().regex(/^v\d+:[A-Za-z0-9+/=_-]+$/, "each key must look like v<version>:<base64 of 32 bytes>")
        .transform((entry): Key => {
          const [v, b64] = entry.split(":");
          return { version: Number(v.slice(1)), key: Buffer.from(b64, "base64") };
        })
        .refine((k) => k.key.length === 32, "each key must be 32 bytes (base64 of 32 random bytes)"),
    ).min(1),
  );

/**
 * Parses `HUB_ENCRYPTION_KEYS`: comma-separated `v<version>:<base64 key>`, newest first, e.g.
 * `v2:...,v1:...`. Keeping older keys lets rows written under them still be read until
 * `npm run keys:rotate` re-encrypts them under the newest.
 */
export function parseKeyring(value: string): Key[] {
  const parsed = keyringSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`HUB_ENCRYPTION_KEYS is invalid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  const versions = new Set(parsed.data.map((k) => k.version));
  if (versions.size !== parsed.data.length) throw new Error("HUB_ENCRYPTION_KEYS repeats a key version");
  return parsed.data;
}

export function generateKey(version: number): string {
  return `v${version}:${randomBytes(32).toString("base64")}`;
}

/** The keyring in force: `HUB_ENCRYPTION_KEYS`, or a development key kept in `.data/`. */
export function loadKeyring(): Key[] {
  return parseKeyring(secretFromEnvOrDataDir("HUB_ENCRYPTION_KEYS", "encryption-keys", () => generateKey(1)));
}
