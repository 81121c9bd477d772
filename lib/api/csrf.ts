import { ApiError } from "./problem";

/** Methods that never change state, so a cross-site request cannot do harm through them. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const originOf = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * The origins the app is served from: HUB_PUBLIC_URL and AUTH_URL when set, and the request's own
 * origin (its URL, and its Host header under http and https, for a hub behind a TLS proxy).
 */
export function appOrigins(req: Request, env: Record<string, string | undefined> = process.env): Set<string> {
  const origins = new Set<string>();
  for (const configured of [env.HUB_PUBLIC_URL, env.AUTH_URL]) {
    const o = originOf(configured);
    if (o) origins.add(o);
  }
  const own = originOf(req.url);
  if (own) origins.add(own);
  const host = req.headers.get("host");
  if (host) for (const scheme of ["http", "https"]) {
    const o = originOf(`${scheme}://${host}`);
    if (o) origins.add(o);
  }
  return origins;
}

/**
 * Refuses a state-changing request that a browser sent from another site: `Sec-Fetch-Site:
 * cross-site`, or an `Origin` that is not one of the app's own (including `null`, sent by
 * sandboxed frames and some redirects). Requests without either header come from non-browser
 * clients, which cannot ride on a victim's cookie, and pass. Call it only for cookie-authenticated
 * requests: an API key is not sent automatically by browsers, so it needs no CSRF defence.
 */
export function assertSameOrigin(req: Request, env: Record<string, string | undefined> = process.env): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const refused = () =>
    new ApiError(403, "csrf_refused", "This request came from another site, so it was refused. Use the hub's own pages.");
  if (req.headers.get("sec-fetch-site")?.toLowerCase() === "cross-site") throw refused();
  const origin = req.headers.get("origin");
  if (origin !== null && !appOrigins(req, env).has(origin)) throw refused();
}
