import { secretFromEnvOrDataDir } from "@/lib/data-dir";

/**
 * The Auth.js signing secret: AUTH_SECRET, required in production; in the embedded default it is
 * generated once into `.data/auth-secret`. Uses Web Crypto so no Node-only module is imported
 * by the instrumentation hook (which Next.js also compiles for the Edge runtime).
 */
export function authSecret(): string {
  return secretFromEnvOrDataDir("AUTH_SECRET", "auth-secret", () =>
    Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
  );
}
