import { it } from "vitest";
import { providerSpecsDir } from "./provider-specs-dir";

export { providerSpecsDir, requireProviderSpecsDir, specsMissingReason } from "./provider-specs-dir";

/**
 * `it` for a spec-validation test inside a file that also has tests without specs; undefined
 * (the test is not defined) where the specs are missing, like the Postgres-only tests.
 */
export const itWithSpecs: typeof it | undefined = providerSpecsDir ? it : undefined;
