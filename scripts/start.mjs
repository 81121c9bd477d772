// `npm start`: the production server (server/main.ts, bundled by `npm run build` into
// <NEXT_DIST_DIR or .next>/hub-server.mjs). Takes `next start`'s -p/-H (or PORT).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const entry = path.resolve(process.env.NEXT_DIST_DIR ?? ".next", "hub-server.mjs");
if (!fs.existsSync(entry)) {
  console.error(`No production build at ${path.dirname(entry)}: run \`npm run build\` first.`);
  process.exit(1);
}
process.env.NODE_ENV ??= "production";
await import(pathToFileURL(entry).href);
