import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM build of Postgres and postgres.js opens sockets: both must stay real Node
  // modules rather than be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "smtp-server", "nodemailer", "pg-boss", "pg"],
  typedRoutes: false,
  // A second build directory lets a build run while another checkout's server uses `.next`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
