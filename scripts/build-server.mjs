// Bundles server/main.ts (the Node server `npm start` runs: webhooks in front of Next.js) into
// <distDir>/hub-server.mjs after `next build`, which empties the dist dir first. Packages stay
// external (loaded from node_modules at run time); the app's own TypeScript is bundled.
import { build } from "esbuild";

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
await build({
  entryPoints: ["server/main.ts"],
  outfile: `${distDir}/hub-server.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
console.log(`[build] ${distDir}/hub-server.mjs`);
