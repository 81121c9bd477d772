import fs from "node:fs";
import path from "node:path";

/**
 * Where the providers' official specs are: `PROVIDER_SPECS_DIR` when it is set (explicit wins,
 * and .ci/run sets it and fails when it is missing), else `../shared/provider-specs` beside the
 * repository. Undefined when that folder does not exist: on a fresh clone with nothing beside it
 * the spec-validation tests are then not defined (vitest.config.ts leaves out the
 * `*-spec.integration.test.ts` files and says so once), rather than failing with ENOENT.
 */
export function resolveProviderSpecsDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const repo = path.resolve(import.meta.dirname, "..", "..");
  const dir = env.PROVIDER_SPECS_DIR ? path.resolve(env.PROVIDER_SPECS_DIR) : path.resolve(repo, "..", "shared", "provider-specs");
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? dir : undefined;
}

export const providerSpecsDir = resolveProviderSpecsDir();

/** Why spec tests are not defined here, or undefined when they are. */
export const specsMissingReason = (): string | undefined =>
  providerSpecsDir
    ? undefined
    : `provider specs not found (${process.env.PROVIDER_SPECS_DIR ? `PROVIDER_SPECS_DIR=${process.env.PROVIDER_SPECS_DIR}` : "../shared/provider-specs"}): ` +
      "the spec-validation tests are not defined. Set PROVIDER_SPECS_DIR to run them.";

/** The specs folder, or a clear error for code that needs it anyway. */
export function requireProviderSpecsDir(): string {
  if (!providerSpecsDir) throw new Error(specsMissingReason());
  return providerSpecsDir;
}
