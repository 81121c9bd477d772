import { z } from "zod";
import { ApiError } from "@/lib/api/problem";
import { policyFromEnv, resolveAllowed, type AddressPolicy, type Resolver } from "@/lib/net";
import { unbracket } from "@/lib/net/resolve";

/** Whether plain http is refused: a production start (NODE_ENV=production without HUB_EMBEDDED=1). */
export function httpsOnly(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === "production" && env.HUB_EMBEDDED !== "1";
}

/** The URL field: syntax only; checkEndpointUrl() does the network rules. */
export const endpointUrlSchema = z
  .string()
  .max(2000, "url is at most 2000 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "url must be a full http(s) URL" }))
  // zod runs refinements after a failed format check too, so this one must not throw on a non-URL.
  .refine((u) => {
    const parsed = URL.canParse(u) ? new URL(u) : null;
    return !parsed || (!parsed.username && !parsed.password);
  }, "url must not carry a user name or password");

/** Options of checkEndpointUrl (tests pass a policy and a resolver; the app reads the environment). */
export interface UrlCheckOptions {
  policy?: AddressPolicy;
  resolver?: Resolver;
  httpsOnly?: boolean;
}

/**
 * Refuses an endpoint URL the hub would not deliver to, with a 400 naming `url`: plain http in
 * production, and any host that resolves to an address the outbound guard refuses (loopback,
 * private, link-local, CGNAT, metadata… unless HUB_ALLOW_PRIVATE_NETWORK admits the private
 * kinds). The same guard checks again at every connect, so a DNS answer that changes later
 * cannot slip through.
 */
export async function checkEndpointUrl(url: string, opts: UrlCheckOptions = {}): Promise<void> {
  const u = new URL(url);
  const refuse = (message: string) => {
    throw new ApiError(400, "invalid_input", message, [{ in: "body", path: "url", message }]);
  };
  if ((opts.httpsOnly ?? httpsOnly()) && u.protocol !== "https:") refuse("url must use https");
  try {
    await resolveAllowed(unbracket(u.hostname), opts.policy ?? policyFromEnv(), opts.resolver);
  } catch (err) {
    refuse(err instanceof Error ? err.message : "That host cannot be reached from this hub.");
  }
}
