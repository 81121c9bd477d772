import type { z } from "zod";
import { zodIssues } from "./error-map";
import { inputLeaves, unstorableText } from "./input-paths";
import { ApiError, type FieldIssue, type InputLocation } from "./problem";

/**
 * Query values as an object: a key given once is a string, a repeated key an array of strings,
 * so a schema expecting one value refuses `?status=a&status=b` instead of silently taking one.
 */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** Field issues for every string that can never be stored (NUL bytes, lone surrogates). */
export function unstorableIssues(value: unknown, where: InputLocation): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const leaf of inputLeaves({ [where]: value })) {
    const why = typeof leaf.value === "string" ? unstorableText(leaf.value) : null;
    if (why) issues.push({ in: where, path: leaf.path, message: why });
    if (issues.length >= 20) break;
  }
  return issues;
}

/**
 * Parses one part of the request with its schema. Strings that can never be stored are refused
 * first, whatever the schema says, so they never reach the database; then the schema's issues
 * become a 400 `invalid_input` with a path per field.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: InputLocation): z.output<S> {
  const unstorable = unstorableIssues(value, where);
  if (unstorable.length) throw new ApiError(400, "invalid_input", "Some values contain characters that cannot be stored.", unstorable);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const label = where === "body" ? "fields" : where === "query" ? "query parameters" : "path segments";
  throw new ApiError(400, "invalid_input", `Some ${label} are invalid.`, zodIssues(parsed.error, where));
}
