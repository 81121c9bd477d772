import { isProduction } from "@/lib/data-dir";

/** The demo login the seed creates and the sign-in page shows in the embedded default. */
export const DEMO_LOGIN = { email: "admin@example.com", password: "admin123", name: "Demo Admin" } as const;

export const DEMO_ORGANISATION_NAME = "Demo Accounting";

/**
 * True for the zero-setup default (`npm run dev` without DATABASE_URL) or when HUB_EMBEDDED=1
 * forces it (e.g. `next start` for a local demo). Never true in production, so a production
 * deployment can never get the well-known demo password.
 */
export function isEmbeddedDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.HUB_EMBEDDED === "1") return true;
  return !env.DATABASE_URL && env.NODE_ENV !== "production";
}

/** Whether the demo user may be created at all: any mode but production. */
export function demoSeedAllowed(): boolean {
  return !isProduction();
}
