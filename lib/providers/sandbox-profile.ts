import profile from "@/config/sandbox-profile.json";

/**
 * Where the sandbox emulators are, as the hub sees them. The demo app credentials and the path
 * layout come from config/sandbox-profile.json (the sandbox reads the same file); the origins
 * from `SANDBOX_URL` / `SANDBOX_STRIPE_URL` (set by scripts/dev.mjs, the e2e config and the
 * tests), else the sandbox's default ports on localhost. The hub never imports `sandbox/`.
 */
export type SandboxApp = { clientId?: string; clientSecret?: string };

const port = () => Number(process.env.SANDBOX_PORT ?? 4010);

export const sandboxOrigin = (): string => (process.env.SANDBOX_URL ?? `http://localhost:${port()}`).replace(/\/$/, "");

/** Stripe's SDK cannot take a path prefix, so the sandbox serves Stripe on a port of its own. */
export const stripeSandboxOrigin = (): string =>
  (process.env.SANDBOX_STRIPE_URL ?? `http://localhost:${Number(process.env.SANDBOX_STRIPE_PORT ?? port() + 1)}`).replace(/\/$/, "");

/** The demo OAuth app the sandbox registers for a provider, if it emulates one. */
export function sandboxApp(provider: string): SandboxApp | undefined {
  return (profile.apps as Record<string, SandboxApp>)[provider];
}

/** A provider's endpoints in the sandbox, absolute, or undefined when the sandbox does not emulate it. */
export function sandboxUrls(provider: string): Record<string, string> | undefined {
  if (provider === "stripe") return { apiBaseUrl: stripeSandboxOrigin() };
  const paths = (profile.paths as Record<string, Record<string, string>>)[provider];
  if (!paths || provider === "hooks" || provider === "control") return undefined;
  const origin = sandboxOrigin();
  return Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, origin + v]));
}

/** The sandbox's catch hooks (standing in for Zapier, Make, n8n and Teams), with a trailing slash. */
export const sandboxHooksBase = (): string => `${sandboxOrigin()}${profile.paths.hooks.base}/`;
