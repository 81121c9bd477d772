import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveProviderSpecsDir } from "./provider-specs-dir";

describe("where the provider specs are read from", () => {
  it("PROVIDER_SPECS_DIR wins when it exists, and means 'no specs' when it does not", () => {
    expect(resolveProviderSpecsDir({ PROVIDER_SPECS_DIR: os.tmpdir() })).toBe(os.tmpdir());
    expect(resolveProviderSpecsDir({ PROVIDER_SPECS_DIR: "/nonexistent/provider-specs" })).toBeUndefined();
  });

  it("without the variable, it is ../shared/provider-specs beside the repository when that exists", () => {
    const beside = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "provider-specs");
    expect(resolveProviderSpecsDir({})).toBe(fs.existsSync(beside) ? beside : undefined);
  });
});
