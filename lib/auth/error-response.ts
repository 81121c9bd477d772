import { ZodError, z } from "zod";
import { ForbiddenError, NotFoundError } from "./tenant";

/** The JSON body of every error the API returns. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Partial<Record<string, string[]>> };
}

/** A JSON error response in the API's one shape. */
export function jsonError(status: number, code: string, message: string, fields?: ApiErrorBody["error"]["fields"]): Response {
  const body: ApiErrorBody = { error: fields ? { code, message, fields } : { code, message } };
  return Response.json(body, { status });
}

/**
 * Maps a thrown error to a response: NotFoundError → 404, ForbiddenError → 403, ZodError → 400
 * with per-field issues, anything else → 500 with a generic message. Unknown errors are logged
 * on the server but never echoed, since they may carry SQL, tokens or stack traces.
 */
export function errorToResponse(err: unknown): Response {
  if (err instanceof NotFoundError) return jsonError(404, "not_found", err.message);
  if (err instanceof ForbiddenError) return jsonError(403, "forbidden", err.message);
  if (err instanceof ZodError) {
    const flat = z.flattenError(err);
    const fields = flat.fieldErrors as Partial<Record<string, string[]>>;
    const message = flat.formErrors[0] ?? "Some fields are invalid.";
    return jsonError(400, "invalid_input", message, fields);
  }
  console.error("[hub] unhandled error in a route handler", err);
  return jsonError(500, "internal", "Something went wrong on our side. Try again in a moment.");
}
