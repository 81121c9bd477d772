import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
// @ts-expect-error plain ESM helper shared with scripts/e2e.mjs
import { chromiumPath } from "./scripts/chromium-path.mjs";

// Own ports so the specs never collide with a running `npm run dev` (3000 / 4010).
const HUB_PORT = Number(process.env.E2E_HUB_PORT ?? 3100);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
// Without DATABASE_URL the hub uses PGlite; give each run a fresh data folder.
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "hub-e2e-"));

const serverEnv = {
  ...process.env,
  HUB_EMBEDDED: "1", // production build, embedded defaults (generated dev secrets, demo seed, sandbox)
  HUB_DATA_DIR: dataDir,
  SANDBOX_PORT: String(SANDBOX_PORT),
  SANDBOX_STRIPE_PORT: String(SANDBOX_PORT + 1),
  SANDBOX_SMTP_PORT: String(SANDBOX_PORT + 2),
  // The hub finds the sandbox by configuration (it never imports sandbox/).
  HUB_PROVIDERS: "sandbox",
  SANDBOX_URL: `http://localhost:${SANDBOX_PORT}`,
  SANDBOX_STRIPE_URL: `http://localhost:${SANDBOX_PORT + 1}`,
  // The sandbox posts its signed webhooks to the hub's receivers.
  SANDBOX_WEBHOOK_BASE: `http://localhost:${HUB_PORT}/api/webhooks`,
  AUTH_URL: `http://localhost:${HUB_PORT}`,
  HUB_PUBLIC_URL: `http://localhost:${HUB_PORT}`,
} as Record<string, string>;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${HUB_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: /\.mobile\.spec\.ts$/ },
    // A phone: Pixel 7's touch and device scale with a 390 px wide viewport (the narrowest
    // common phone width), in the same Debian chromium. Runs the *.mobile.spec.ts files only.
    {
      name: "mobile",
      testMatch: /\.mobile\.spec\.ts$/,
      use: { ...devices["Pixel 7"], browserName: "chromium", viewport: { width: 390, height: 844 } },
    },
  ],
  webServer: [
    {
      command: `node --import tsx sandbox/main.ts`,
      url: `http://localhost:${SANDBOX_PORT}/`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node scripts/start.mjs -p ${HUB_PORT}`,
      url: `http://localhost:${HUB_PORT}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
