/**
 * Dependency rules, checked by `npm run check:deps` (and by .ci/run). Type-only imports count:
 * a cycle of types is still a design cycle, and it becomes a runtime one the day someone
 * imports a value along it.
 *
 * The layering they enforce (ARCHITECTURE.md, "Providers as data"):
 *   integrations/manifest-schema.ts, integrations/hook-types.ts — the provider contract, a leaf
 *   integrations/<id>/ — provider data and hooks; may use the provider HTTP client in lib/,
 *                        never the registry nor anything that imports it
 *   integrations/index.ts — the generated registry, imported by lib/, app/, components/
 * @type {import('dependency-cruiser').IConfiguration}
 */
const HUB = "^(lib|integrations|app|components|inngest|drizzle)/|^instrumentation\\.ts$";
const TESTS = ["\\.test\\.tsx?$", "(^|/)testing/", "(^|/)test-support\\.ts$"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Dependencies point one way; a cycle means two modules cannot be understood or changed apart.",
      from: { path: HUB },
      to: { circular: true },
    },
    {
      name: "no-sandbox-in-hub",
      severity: "error",
      comment:
        "The sandbox is a separate process that emulates the providers; the hub reaches it over HTTP as configured " +
        "(HUB_PROVIDERS=sandbox, SANDBOX_URL). Only sandbox/, e2e/, scripts/, bench/ and tests may import it.",
      from: { pathNot: ["^sandbox/", "^e2e/", "^scripts/", "^bench/", "^(vitest|playwright)\\.config\\.ts$", ...TESTS] },
      to: { path: "^sandbox/" },
    },
    {
      name: "contract-is-a-leaf",
      severity: "error",
      comment: "The provider contract (manifest schema, hook types) imports neither side's implementation.",
      from: { path: "^integrations/(manifest-schema|hook-types)\\.ts$" },
      to: { pathNot: "^integrations/(manifest-schema|hook-types)\\.ts$", dependencyTypesNot: ["npm", "core"] },
    },
    {
      name: "providers-never-reach-the-registry",
      severity: "error",
      comment:
        "Provider hooks may use the provider HTTP client, but never the registry or lib code that uses it: " +
        "that is how lib ⇄ integrations cycles start.",
      from: { path: "^integrations/[^/]+/", pathNot: TESTS },
      to: { path: "^integrations/index\\.ts$", reachable: true },
    },
    {
      name: "hub-uses-providers-through-the-registry",
      severity: "error",
      comment: "lib/, app/ and components/ reach a provider through integrations/index.ts (or the contract), not its files.",
      from: { path: "^(lib|app|components|inngest)/", pathNot: TESTS },
      to: { path: "^integrations/[^/]+/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next[^/]*|\\.data|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    skipAnalysisNotInRules: true,
  },
};
