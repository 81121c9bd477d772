// `npm run test:e2e`: builds the app for production, then runs the Playwright specs in e2e/
// against `npm start`'s server (Next.js with the webhook receiver in front, server/main.ts) and
// the sandbox (both started by playwright.config.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromiumPath } from "./chromium-path.mjs";

if (!chromiumPath()) {
  console.error(
    [
      "No Chromium found for the end-to-end tests.",
      "Install Debian's build with `sudo apt-get install -y chromium` (gives /usr/bin/chromium),",
      "or point CHROMIUM_PATH at any Chromium/Chrome binary.",
      "(`npx playwright install` also works where its download host is reachable.)",
    ].join("\n"),
  );
  process.exit(1);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (process.env.E2E_SKIP_BUILD === "1" && fs.existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) {
  console.log("[e2e] E2E_SKIP_BUILD=1: using the existing .next build");
} else {
  step(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
}
// The server bundle is quick to make and follows the source, so it is always rebuilt.
step(process.execPath, ["scripts/build-server.mjs"]);
step(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)]);
