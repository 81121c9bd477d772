import { randomBytes } from "node:crypto";
import { z } from "zod";

/** `whsec_` + base64 of 24–64 bytes: the Standard Webhooks secret format. */
export const SECRET_PREFIX = "whsec_";

/** Decoded length of a secret's key, or null when it is not `whsec_` + canonical base64. */
function keyLength(secret: string): number | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const b64 = secret.slice(SECRET_PREFIX.length);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) return null;
  const bytes = Buffer.from(b64, "base64");
  return bytes.toString("base64") === b64 ? bytes.length : null;
}

/** A secret someone supplies: the same form the hub generates. */
export const endpointSecretSchema = z
  .string()
  .max(200, "secret is at most 200 characters")
  .refine((s) => {
    const n = keyLength(s);
    return n !== null && n >= 24 && n <= 64;
  }, "secret must be whsec_ followed by the base64 of 24–64 bytes");

/** A new secret: 32 random bytes. */
export const generateSecret = () => SECRET_PREFIX + randomBytes(32).toString("base64");

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
