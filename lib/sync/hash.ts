import { createHash } from "node:crypto";

/** JSON with object keys sorted and undefined as null, so equal content hashes equally. */
export function canonical(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === "object") {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** The content hash of a record's synced fields (the same on the pull and the push side). */
export const contentHash = (record: Record<string, unknown>): string =>
  createHash("sha256").update(JSON.stringify(canonical(record))).digest("hex");

/**
 * The idempotency key of one push: derived from the change (connection, entity, local id, the
 * content pushed and the provider version it was based on), so a retried push of the same change
 * reuses it and a later change gets a new one.
 */
export const idempotencyKey = (parts: (string | null | undefined)[]): string =>
  createHash("sha256").update(parts.map((p) => p ?? "").join("\u0000")).digest("hex");
