import { defineConfig } from "vitest/config";
import path from "node:path";
import fs from "node:fs";

// Spec-validation files need the providers' official specs: PROVIDER_SPECS_DIR, else
// ../shared/provider-specs beside the repo (the rule of sandbox/testing/provider-specs-dir.ts,
// restated here because the config cannot import extensionless TypeScript). Where neither
// exists they are not defined, said once here; .ci/run requires them.
const specsDir = process.env.PROVIDER_SPECS_DIR
  ? path.resolve(process.env.PROVIDER_SPECS_DIR)
  : path.resolve(import.meta.dirname, "..", "shared", "provider-specs");
const noSpecs = !fs.existsSync(specsDir);
if (noSpecs) console.warn(`[vitest] no provider specs at ${specsDir}: the *-spec.integration.test.ts files are not defined. Set PROVIDER_SPECS_DIR to run them.`);

// Files whose every test needs a second process on the same database (a relay or worker killed with
// kill -9 and another one taking over): Postgres only, since an in-memory PGlite belongs to one
// process. Without DATABASE_URL they are left out rather than defined empty (vitest refuses a file
// with no test); .ci/run runs the suite on Postgres too.
const postgresOnly = ["lib/events/relay-kill.integration.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**", ...(noSpecs ? ["**/*-spec.integration.test.ts"] : []),
      ...(process.env.DATABASE_URL ? [] : postgresOnly)],
    environment: "node",
    // Generous limits: PGlite (WASM Postgres) migrates each test file's database on two shared cores.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration tests each make their own database; two workers match the machine's two cores.
    maxWorkers: 2,
    globalSetup: ["./lib/testing/global-setup.ts"],
  },
});
