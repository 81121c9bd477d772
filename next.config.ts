import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/security/action-body-limit";
import { API_CSP, baseSecurityHeaders, servedOverHttps } from "./lib/security/headers";

const SECRET_QUERY = /[?&](code|state|token|access_token|refresh_token|id_token|client_secret|password|api_key)=/i;

const base = baseSecurityHeaders({ https: servedOverHttps() });

const nextConfig: NextConfig = {
  // PGlite ships a WASM build of Postgres and postgres.js opens sockets: both must stay real Node
  // modules rather than be bundled. rate-limiter-flexible imports drizzle-orm at run time, and
  // the outbound guard's undici must be the real module its Agent type checks against.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "smtp-server", "nodemailer", "pg-boss", "pg", "rate-limiter-flexible", "undici"],
  typedRoutes: false,
  // A second build directory lets a build run while another checkout's server uses `.next`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // No `X-Powered-By: Next.js`: nothing to tell a scanner which framework version to try.
  poweredByHeader: false,
  // The same limit proxy.ts enforces with a 413 before Next reads the body (Next's own refusal is a 500).
  experimental: { serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES } },
  logging: {
    // `next dev` prints request URLs raw (process.stdout, past any console redaction): requests
    // whose query carries a secret-like parameter (OAuth callbacks' code/state…) are not printed.
    incomingRequests: { ignore: [SECRET_QUERY] },
    // Nor the arguments of server actions, which include passwords from the sign-in form.
    serverFunctions: false,
  },
  async headers() {
    return [
      // Pages get their nonce CSP from proxy.ts; these hold for every route.
      { source: "/:path*", headers: base },
      // API JSON: never cached by browsers or proxies (it is per user), and inert as a document.
      {
        source: "/api/:path*",
        headers: [
          { key: "Cache-Control", value: "no-store" },
          { key: "Content-Security-Policy", value: API_CSP },
        ],
      },
    ];
  },
};

export default nextConfig;
