/**
 * The API's one error body: RFC 9457 `application/problem+json` with a stable lower_snake `code`
 * and, for input errors, one entry per offending field. Framework-free so lib/ and tests use it.
 */

/** Where a field error was found: the JSON body, the query string or a path segment. */
export type InputLocation = "body" | "query" | "path";

/** One field-level issue: `path` is dotted within its location (`lines.0.unitPrice`). */
export interface FieldIssue {
  in: InputLocation;
  path: string;
  message: string;
}

/** The JSON every failed `/api` call answers with. */
export interface Problem {
  /** A URN naming the problem type; stable, not a link (there is no problem documentation site). */
  type: string;
  /** Short, human-readable summary of the status (e.g. "Unsupported Media Type"). */
  title: string;
  status: number;
  /** Stable machine-readable code, always lower_snake (`invalid_input`, `csrf_refused`, `rate_limited`). */
  code: string;
  /** A plain-language sentence about this occurrence; never SQL, stack traces or secrets. */
  detail: string;
  errors?: FieldIssue[];
  /** Seconds to wait before retrying (also sent as the `Retry-After` header). */
  retryAfterSeconds?: number;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** `SOME-Code` / `someCode` / `some_code` → `some_code`: the one code convention of the API. */
export function toLowerSnake(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/** Builds a problem body; the code is normalised to lower_snake. */
export function problemBody(
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldIssue[]; retryAfterSeconds?: number } = {},
): Problem {
  const c = toLowerSnake(code) || "error";
  const body: Problem = { type: `urn:hub:problem:${c}`, title: titles[status] ?? "Error", status, code: c, detail };
  if (extra.errors?.length) body.errors = extra.errors;
  if (extra.retryAfterSeconds) body.retryAfterSeconds = extra.retryAfterSeconds;
  return body;
}

/** The Response for a problem: right content type, no caching, `Retry-After` when set. */
export function problemResponse(problem: Problem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  h.set("cache-control", "no-store");
  if (problem.retryAfterSeconds) h.set("retry-after", String(problem.retryAfterSeconds));
  return new Response(JSON.stringify(problem), { status: problem.status, headers: h });
}

/** Shorthand: problemResponse(problemBody(…)). */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldIssue[]; retryAfterSeconds?: number; headers?: HeadersInit } = {},
): Response {
  return problemResponse(problemBody(status, code, detail, extra), extra.headers);
}

/**
 * An error the API answers with as-is: thrown by the wrapper's own checks (415, 413, CSRF,
 * malformed JSON) and usable by handlers for a refusal that has no domain error class.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldIssue[],
    /** Seconds to wait before retrying (429): sent as `retryAfterSeconds` and `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
