import { jsonError } from "@/lib/auth/error-response";
import { AccountingRuleError } from "./errors";

/**
 * The JSON response for a refused accounting rule (409 with the rule's code and field), or
 * null so the route falls back to toErrorResponse for everything else.
 */
export function accountingErrorResponse(err: unknown): Response | null {
  if (!(err instanceof AccountingRuleError)) return null;
  return jsonError(409, err.code, err.message, err.field ? { [err.field]: [err.message] } : undefined);
}

/** The request's JSON body, or null when it is not JSON (the schema then answers 400). */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    return null;
  }
}
