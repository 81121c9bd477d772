import { errorToProblem } from "@/lib/api/error-map";
import { problem, problemResponse, type FieldIssue } from "@/lib/api/problem";

/**
 * An `application/problem+json` error response (see lib/api/problem.ts); `code` is normalised to
 * lower_snake and `fields` become `errors` entries in the body.
 *
 * @deprecated For routes not yet on the wrapper: use `route()` from app/api/_shared/route-handler.ts,
 * which maps thrown errors itself.
 */
export function jsonError(status: number, code: string, message: string, fields?: Partial<Record<string, string[]>>): Response {
  const errors: FieldIssue[] = Object.entries(fields ?? {}).flatMap(([path, messages]) =>
    (messages ?? []).map((m) => ({ in: "body" as const, path, message: m })),
  );
  return problem(status, code, message, { errors });
}

/**
 * Maps a thrown error to a problem response with the API's one mapping (lib/api/error-map.ts):
 * NotFoundError 404, ForbiddenError 403, ZodError 400 with field paths, database input errors
 * 400, anything else a generic 500 whose cause is logged but never echoed.
 */
export function errorToResponse(err: unknown): Response {
  return problemResponse(errorToProblem(err));
}
