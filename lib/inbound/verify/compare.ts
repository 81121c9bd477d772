import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Constant-time equality of two strings' bytes. Lengths are compared first (timingSafeEqual needs
 * equal lengths; a signature's length is no secret).
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmac = (key: string, data: string, encoding: "base64" | "hex") =>
  createHmac("sha256", key).update(data, "utf8").digest(encoding);
