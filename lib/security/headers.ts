// Response headers of every route (issue 8.6). Pure functions so next.config.ts, proxy.ts and the
// tests share one definition.

/** Where the hub is served from, for HSTS and upgrade-insecure-requests. */
export function servedOverHttps(env: Record<string, string | undefined> = process.env): boolean {
  return (env.AUTH_URL ?? env.HUB_PUBLIC_URL ?? "").startsWith("https://");
}

/**
 * The page CSP: scripts only with this response's nonce ('strict-dynamic' lets Next's own
 * chunks load), no plugins, no framing, forms only to ourselves. Styles allow 'unsafe-inline'
 * because Radix, Recharts and Sonner set `style` attributes, which nonces cannot cover; script
 * injection is what the nonce stops. Development adds 'unsafe-eval' (React's dev stack
 * reconstruction) and websockets (hot reload).
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** API answers are data, never documents: nothing may run or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, pages and API alike. */
export function baseSecurityHeaders(opts: { https: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Browsers ignore HSTS over plain HTTP; sending it only behind HTTPS keeps local http dev usable.
    ...(opts.https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** A fresh, unguessable nonce per response (128 bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
