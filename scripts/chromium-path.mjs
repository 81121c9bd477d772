import fs from "node:fs";

/** The Chromium the e2e tests drive: CHROMIUM_PATH, else Debian's, else none (Playwright's own). */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p) => p && fs.existsSync(p));
}
