import fs from "node:fs";
import path from "node:path";

/** Where the embedded default keeps its database and generated dev secrets (`HUB_DATA_DIR`). */
export function dataDir(): string {
  const dir = path.resolve(process.env.HUB_DATA_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data"));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export const isProduction = () =>
  process.env.NODE_ENV === "production" && process.env.HUB_EMBEDDED !== "1";

/**
 * Reads a secret from the environment; in the embedded default, generates it once into
 * `.data/<file>` with a warning. In production a missing secret stops the server.
 */
export function secretFromEnvOrDataDir(envName: string, file: string, generate: () => string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (isProduction()) {
    throw new Error(`${envName} is required in production. See README.md, "Environment variables".`);
  }
  const p = path.join(dataDir(), file);
  if (fs.existsSync(p)) return fs.readFileSync(p, "utf8").trim();
  const value = generate();
  fs.writeFileSync(p, value, { mode: 0o600 });
  console.warn(`[hub] ${envName} is not set: generated a development value into ${p}. Set it in production.`);
  return value;
}
