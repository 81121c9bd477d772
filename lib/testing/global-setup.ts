import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Runs once before the unit and integration tests: points the embedded-default secrets at a
 * throwaway folder so tests never touch a developer's `.data/`.
 */
export default function setup() {
  if (!process.env.HUB_DATA_DIR) {
    process.env.HUB_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-"));
  }
}
