/**
 * The public origin OAuth redirect URIs are built on: HUB_PUBLIC_URL, else AUTH_URL, else the
 * request's own origin. Providers compare redirect URIs exactly, so production should set one.
 */
export function publicOrigin(req: Request): string {
  const configured = process.env.HUB_PUBLIC_URL ?? process.env.AUTH_URL;
  return configured ? new URL(configured).origin : new URL(req.url).origin;
}

/** The OAuth redirect URI of a provider, as registered with it. */
export const callbackUrl = (req: Request, provider: string) => `${publicOrigin(req)}/api/integrations/${provider}/oauth/callback`;
